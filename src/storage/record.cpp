// The label rules of records (see record.h).
#include "storage/record.h"

#include <algorithm>
#include <string_view>

namespace tokhai::storage {
namespace {

bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_id_char(char c) {
  return is_lower_or_digit(c) || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == ':' ||
         c == '-';
}

bool follows(std::string_view text, std::size_t min_size, std::size_t max_size,
             bool (*allowed)(char)) {
  return text.size() >= min_size && text.size() <= max_size &&
         std::all_of(text.begin(), text.end(), allowed);
}

}  // namespace

Result<Done> check_record_label(const RecordLabel& label, bool allow_empty_id) {
  const auto kind_char = [](char c) {
    return is_lower_or_digit(c) || c == '_' || c == '.' || c == '-';
  };
  const auto form_char = [](char c) { return is_id_char(c) || c == '/'; };
  const char* wrong = nullptr;
  if (!follows(label.kind, 1, 64, kind_char)) {
    wrong = "kind";
  } else if (!(allow_empty_id && label.id.empty()) && !follows(label.id, 1, 128, is_id_char)) {
    wrong = "id";
  } else if (!follows(label.form_id, 0, 128, form_char)) {
    wrong = "form_id";
  } else if (!follows(label.form_version, 0, 64, form_char)) {
    wrong = "form_version";
  }
  if (wrong == nullptr) return Done{};
  return storage_error(
      "vault.bad_record_label", std::string("Nhãn bản ghi không hợp lệ (") + wrong + ").",
      std::string("Invalid record label (") + wrong + ").", label.kind + "/" + label.id);
}

}  // namespace tokhai::storage
