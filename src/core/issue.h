// Issue: what a validator says about one answer — an error that blocks
// submission, or a warning the citizen may accept (e.g. a late registration).
#pragma once

#include <string>
#include <vector>

#include "core/localized_text.h"

namespace tokhai::core {

enum class Severity { error, warning };

struct Issue {
  std::string code;       // stable, e.g. "cccd.birth_year", "phone.format"
  LocalizedText message;  // for people, Vietnamese first
  Severity severity = Severity::error;

  bool operator==(const Issue&) const = default;
};

using Issues = std::vector<Issue>;

}  // namespace tokhai::core
