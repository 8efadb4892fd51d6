// Values (see value.h).
#include "core/expr/value.h"

namespace tokhai::core::expr {

const char* type_name(Type type) {
  switch (type) {
    case Type::null:
      return "null";
    case Type::boolean:
      return "boolean";
    case Type::number:
      return "number";
    case Type::text:
      return "text";
    case Type::date:
      return "date";
    case Type::list:
      return "list";
    case Type::rows:
      return "rows";
  }
  return "?";
}

bool Value::is_answered() const {
  if (is_null()) return false;
  if (is_text()) return !text().empty();
  if (is_list()) return !list().empty();
  return true;
}

bool Value::truthy() const {
  if (is_boolean()) return boolean();
  if (is_number()) return number() != 0;
  return is_answered();
}

}  // namespace tokhai::core::expr
