// Canonical JSON (see canonical_json.h). nlohmann/json parses without
// exceptions (the wasm build has none); a parser callback sees every key as
// it is read, before the tree keeps only the last of two equal keys, so that
// duplicates and key order are reported by name. Whitespace, escapes and the
// spelling of numbers are found by writing the value again and comparing.
#include "wire/canonical_json.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "core/json_text.h"
#include "core/text/unicode.h"

namespace tokhai::wire {
namespace {

using nlohmann::json;

// Where the parser is: one frame per open object or array, with the last key
// read in an object and the number of elements finished in an array.
class JsonPath {
 public:
  // Follows one parser event; records the first duplicate or out-of-order key.
  void follow(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        frames_.push_back({});
        break;
      case json::parse_event_t::array_start:
        frames_.push_back({.is_array = true, .index = 0, .has_key = false, .key = {}});
        break;
      case json::parse_event_t::key:
        read_key(parsed.get_ref<const std::string&>());
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        finish_element();
        break;
      case json::parse_event_t::value:
        finish_element();
        break;
    }
  }

  const std::optional<JsonProblem>& problem() const { return problem_; }

 private:
  struct Frame {
    bool is_array = false;
    std::size_t index = 0;  // arrays: elements finished
    bool has_key = false;   // objects: a key was read
    std::string key;        // objects: the last key read
  };

  void read_key(const std::string& key) {
    Frame& frame = frames_.back();
    std::optional<JsonFault> fault;
    if (frame.has_key && key == frame.key) {
      fault = JsonFault::duplicate_member;
    } else if (frame.has_key && key < frame.key) {  // char_traits<char>: unsigned bytes
      fault = JsonFault::unsorted_members;
    }
    frame.key = key;
    frame.has_key = true;
    if (fault && !problem_) problem_ = JsonProblem{*fault, path()};
  }

  void finish_element() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }

  // "attachments[2].size_bytes": the member being read.
  std::string path() const {
    std::string text;
    for (const Frame& frame : frames_) {
      if (frame.is_array) {
        text += "[" + std::to_string(frame.index) + "]";
      } else if (frame.has_key) {
        text += (text.empty() ? "" : ".") + frame.key;
      }
    }
    return text;
  }

  std::vector<Frame> frames_;
  std::optional<JsonProblem> problem_;
};

std::string member_path(const std::string& object, std::string_view key) {
  return object.empty() ? std::string(key) : object + "." + std::string(key);
}

bool is_nfc(const std::string& text) { return core::to_nfc(text) == text; }

// The first number or string of `value` (keys included) that canonical JSON
// does not allow, in document order (the members of a json object are sorted).
std::optional<JsonProblem> first_bad_scalar(const json& value, const std::string& path) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      const std::string member_at = member_path(path, key);
      if (!is_nfc(key)) return JsonProblem{JsonFault::not_nfc, member_at};
      if (auto problem = first_bad_scalar(member, member_at)) return problem;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto problem = first_bad_scalar(value[i], path + "[" + std::to_string(i) + "]")) {
        return problem;
      }
    }
  } else if (value.is_number()) {
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() > kMaxCanonicalInteger) {
      return JsonProblem{JsonFault::not_integer, path};
    }
  } else if (value.is_string() && !is_nfc(value.get_ref<const std::string&>())) {
    return JsonProblem{JsonFault::not_nfc, path};
  }
  return std::nullopt;
}

}  // namespace

std::string canonical_json(const json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

bool is_unreadable(JsonFault fault) {
  return fault == JsonFault::too_large || fault == JsonFault::too_deep ||
         fault == JsonFault::not_json;
}

Result<json, JsonProblem> parse_canonical_json(std::string_view text, const JsonBounds& bounds) {
  if (text.size() > bounds.max_bytes) return JsonProblem{JsonFault::too_large, "bytes"};
  switch (core::json_shape(text, bounds.max_depth, bounds.max_tokens)) {
    case core::JsonShape::within_bounds:
      break;
    case core::JsonShape::too_deep:
      return JsonProblem{JsonFault::too_deep, "nesting"};
    case core::JsonShape::too_many_tokens:
      return JsonProblem{JsonFault::too_large, "tokens"};
  }
  JsonPath path;
  json value = json::parse(
      text.data(), text.data() + text.size(),
      [&path](int /*depth*/, json::parse_event_t event, json& parsed) {
        path.follow(event, parsed);
        return true;
      },
      /*allow_exceptions=*/false);
  if (value.is_discarded()) return JsonProblem{JsonFault::not_json, {}};
  if (path.problem()) return *path.problem();
  if (auto problem = first_bad_scalar(value, {})) return *std::move(problem);
  const std::string canonical = canonical_json(value);
  if (canonical != text) {
    const auto differ = std::mismatch(canonical.begin(), canonical.end(), text.begin(), text.end());
    return JsonProblem{JsonFault::not_canonical,
                       "byte " + std::to_string(differ.second - text.begin())};
  }
  return value;
}

}  // namespace tokhai::wire
