// LocalizedText: a piece of text a citizen sees, in Vietnamese (always present)
// and English (optional; falls back to Vietnamese).
#pragma once

#include <string>
#include <string_view>

namespace tokhai::core {

enum class Language { vi, en };

struct LocalizedText {
  std::string vi;
  std::string en;

  // The text in `language`; Vietnamese when no English text exists.
  std::string_view in(Language language) const {
    return language == Language::en && !en.empty() ? std::string_view(en) : std::string_view(vi);
  }
  bool operator==(const LocalizedText&) const = default;
};

// "vi" or "en".
constexpr std::string_view language_code(Language language) {
  return language == Language::vi ? "vi" : "en";
}

}  // namespace tokhai::core
