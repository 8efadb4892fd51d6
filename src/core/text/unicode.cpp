// Unicode normalisation, case mapping and Vietnamese folding keys (see unicode.h).
//
// [SECTION] Generated tables and their lookups
// [SECTION] UTF-8
// [SECTION] Normalisation (UAX #15: decompose, order by combining class, compose)
// [SECTION] Case mapping
// [SECTION] Folding and search keys
#include "core/text/unicode.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>

namespace tokhai::core {
namespace {

// [SECTION] Generated tables and their lookups

#include "core/text/unicode_tables.inc"

constexpr char32_t kReplacementCharacter = 0xFFFD;
constexpr int kCodePointBits = 21;
constexpr std::uint64_t kCodePointMask = (std::uint64_t{1} << kCodePointBits) - 1;
constexpr std::uint64_t kPairMask = (std::uint64_t{1} << (2 * kCodePointBits)) - 1;

// Hangul syllables decompose and compose by arithmetic (Unicode §3.12).
constexpr char32_t kHangulSBase = 0xAC00, kHangulLBase = 0x1100, kHangulVBase = 0x1161,
                   kHangulTBase = 0x11A7;
constexpr char32_t kHangulLCount = 19, kHangulVCount = 21, kHangulTCount = 28;
constexpr char32_t kHangulNCount = kHangulVCount * kHangulTCount;
constexpr char32_t kHangulSCount = kHangulLCount * kHangulNCount;

// The canonical combining class of `cp` (0 for starters); code points past the last
// change in the table (U+1E94B and up) are all starters.
int combining_class(char32_t cp) {
  if (cp < 0x300 || cp >= (std::end(kCombiningClassChanges)[-1] >> 8)) return 0;
  const std::uint32_t probe = (static_cast<std::uint32_t>(cp) << 8) | 0xFF;
  const auto* it =
      std::upper_bound(std::begin(kCombiningClassChanges), std::end(kCombiningClassChanges), probe);
  return it == std::begin(kCombiningClassChanges) ? 0 : static_cast<int>(*(it - 1) & 0xFF);
}

// The packed decomposition entry of `cp`, or nullptr when it has none.
const std::uint64_t* find_decomposition(char32_t cp) {
  if (cp < 0xC0 || cp > (std::end(kCanonicalDecompositions)[-1] >> (2 * kCodePointBits))) {
    return nullptr;
  }
  const std::uint64_t key = std::uint64_t{cp} << (2 * kCodePointBits);
  const auto* it = std::lower_bound(std::begin(kCanonicalDecompositions),
                                    std::end(kCanonicalDecompositions), key);
  if (it == std::end(kCanonicalDecompositions) || (*it >> (2 * kCodePointBits)) != cp) {
    return nullptr;
  }
  return it;
}

// The unified ideograph a CJK compatibility ideograph stands for, or 0.
char32_t cjk_compatibility_decomposition(char32_t cp) {
  if (cp >= 0xF900 && cp - 0xF900 < std::size(kCjkCompatibilityF900)) {
    return kCjkCompatibilityF900[cp - 0xF900];
  }
  if (cp >= 0x2F800 && cp - 0x2F800 < std::size(kCjkCompatibility2F800)) {
    return kCjkCompatibility2F800[cp - 0x2F800];
  }
  return 0;
}

char32_t entry_first(std::uint64_t entry) {
  return static_cast<char32_t>((entry >> kCodePointBits) & kCodePointMask);
}
char32_t entry_second(std::uint64_t entry) { return static_cast<char32_t>(entry & kCodePointMask); }

// The primary composite of `first` + `second`, or 0 when they do not compose.
char32_t compose_pair(char32_t first, char32_t second) {
  if (second < 0x300) return 0;  // every second of a pair is a mark or a Brahmic/Hangul letter
  if (first >= kHangulLBase && first < kHangulLBase + kHangulLCount && second >= kHangulVBase &&
      second < kHangulVBase + kHangulVCount) {
    return kHangulSBase +
           ((first - kHangulLBase) * kHangulVCount + (second - kHangulVBase)) * kHangulTCount;
  }
  if (first >= kHangulSBase && first < kHangulSBase + kHangulSCount &&
      (first - kHangulSBase) % kHangulTCount == 0 && second > kHangulTBase &&
      second < kHangulTBase + kHangulTCount) {
    return first + (second - kHangulTBase);
  }
  const std::uint64_t pair = (std::uint64_t{first} << kCodePointBits) | second;
  const auto* it = std::lower_bound(std::begin(kCompositionOrder), std::end(kCompositionOrder),
                                    pair, [](std::uint16_t index, std::uint64_t wanted) {
                                      return (kCanonicalDecompositions[index] & kPairMask) < wanted;
                                    });
  if (it == std::end(kCompositionOrder) || (kCanonicalDecompositions[*it] & kPairMask) != pair) {
    return 0;
  }
  return static_cast<char32_t>(kCanonicalDecompositions[*it] >> (2 * kCodePointBits));
}

// [SECTION] UTF-8

// Marks a maximal ill-formed subsequence in next_code_point; never a code point.
constexpr char32_t kIllFormed = 0x110000;

// The code point starting at `at`, which moves past it; kIllFormed for a maximal
// ill-formed subsequence (Unicode §3.9, "U+FFFD substitution of maximal subparts").
char32_t next_code_point(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned lead = byte(at++);
  if (lead < 0x80) return lead;
  int continuation_count = 0;
  char32_t cp = 0;
  unsigned low = 0x80, high = 0xBF;  // allowed range of the second byte (Table 3-7)
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation_count = 1;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuation_count = 2;
    cp = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuation_count = 3;
    cp = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return kIllFormed;
  }
  for (int i = 0; i < continuation_count; ++i) {
    if (at >= text.size() || byte(at) < low || byte(at) > high) return kIllFormed;
    cp = (cp << 6) | (byte(at++) & 0x3F);
    low = 0x80;
    high = 0xBF;
  }
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementCharacter;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// [SECTION] Normalisation (UAX #15: decompose, order by combining class, compose)

void append_decomposed(std::u32string& out, char32_t cp) {
  if (cp >= kHangulSBase && cp < kHangulSBase + kHangulSCount) {
    const char32_t index = cp - kHangulSBase;
    out += kHangulLBase + index / kHangulNCount;
    out += kHangulVBase + (index % kHangulNCount) / kHangulTCount;
    if (index % kHangulTCount != 0) out += kHangulTBase + index % kHangulTCount;
    return;
  }
  if (const char32_t ideograph = cjk_compatibility_decomposition(cp)) {
    out += ideograph;
    return;
  }
  if (const std::uint64_t* entry = find_decomposition(cp)) {
    append_decomposed(out, entry_first(*entry));
    if (entry_second(*entry) != 0) append_decomposed(out, entry_second(*entry));
    return;
  }
  out += cp;
}

// Sorts each run of non-starters by combining class, keeping equal classes in
// order: a stable sort per run, O(n log n). (An insertion sort was quadratic
// on marks of alternating classes: 32 KB of them took seconds, 1 MB hours —
// tests/fuzz/regressions/envelope/combining-marks-quadratic.)
void put_in_canonical_order(std::u32string& text) {
  const auto by_class = [](char32_t a, char32_t b) {
    return combining_class(a) < combining_class(b);
  };
  std::size_t run_start = 0;
  while (run_start < text.size()) {
    if (combining_class(text[run_start]) == 0) {
      ++run_start;
      continue;
    }
    std::size_t run_end = run_start + 1;
    while (run_end < text.size() && combining_class(text[run_end]) != 0) ++run_end;
    std::stable_sort(text.begin() + static_cast<std::ptrdiff_t>(run_start),
                     text.begin() + static_cast<std::ptrdiff_t>(run_end), by_class);
    run_start = run_end;
  }
}

std::u32string canonical_decomposition(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t cp : text) append_decomposed(out, cp);
  put_in_canonical_order(out);
  return out;
}

// Canonical composition of text already in canonical order (the UAX #15 algorithm).
void compose(std::u32string& text) {
  std::size_t starter = 0;
  bool have_starter = false;
  int last_class = 0;
  std::size_t kept = 0;
  for (char32_t cp : text) {
    const int cp_class = combining_class(cp);
    if (have_starter && (last_class == 0 || last_class < cp_class)) {
      if (const char32_t composite = compose_pair(text[starter], cp)) {
        text[starter] = composite;
        continue;
      }
    }
    if (cp_class == 0) {
      starter = kept;
      have_starter = true;
    }
    last_class = cp_class;
    text[kept++] = cp;
  }
  text.resize(kept);
}

std::u32string canonical_composition(std::u32string_view text) {
  std::u32string out = canonical_decomposition(text);
  compose(out);
  return out;
}

// [SECTION] Case mapping

// `cp` mapped by the case runs [begin, end) (see unicode_tables.inc), or `cp` itself.
char32_t map_case(char32_t cp, const std::uint64_t* begin, const std::uint64_t* end) {
  if (cp > 0xFFFF) return cp;
  const std::uint64_t probe = (std::uint64_t{cp} << 48) | 0xFFFF'FFFF'FFFF;
  const auto* it = std::upper_bound(begin, end, probe);
  if (it == begin) return cp;
  const std::uint64_t run = *(it - 1);
  const auto first = static_cast<char32_t>(run >> 48);
  const auto last = static_cast<char32_t>((run >> 32) & 0xFFFF);
  const auto stride = static_cast<char32_t>((run >> 16) & 0xFFFF);
  const auto delta = static_cast<int>(run & 0xFFFF) - 0x8000;
  if (cp > last || (cp - first) % stride != 0) return cp;
  return static_cast<char32_t>(static_cast<int>(cp) + delta);
}

char32_t lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + ('a' - 'A');
  if (cp < 0xC0) return cp;
  return map_case(cp, std::begin(kLowercaseRuns), std::end(kLowercaseRuns));
}

char32_t upper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - ('a' - 'A');
  if (cp < 0xC0) return cp;
  return map_case(cp, std::begin(kUppercaseRuns), std::end(kUppercaseRuns));
}

std::string map_code_points(std::string_view utf8, char32_t (*map)(char32_t)) {
  std::string out;
  out.reserve(utf8.size());
  for (char32_t cp : decode_utf8(utf8)) append_utf8(out, map(cp));
  return out;
}

// [SECTION] Folding and search keys

// Punctuation, symbols and controls of ASCII, Latin-1 and General Punctuation: what
// separates syllables besides whitespace. Everything else (letters, digits, marks and
// other scripts) belongs to a word.
bool is_separator(char32_t cp) {
  if (cp < 0x80) {
    return !((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'));
  }
  if (cp < 0xC0) return cp != 0xAA && cp != 0xB5 && cp != 0xBA;  // ª µ º are letters
  return cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x3000 && cp <= 0x3003) || is_whitespace(cp);
}

// The five Vietnamese tone marks; circumflex, breve and horn are vowel qualities.
bool is_tone_mark(char32_t cp) {
  return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 || cp == 0x0309 || cp == 0x0323;
}

// Copies `text` with whitespace runs collapsed to one space and the ends trimmed; each
// maximal run of other code points goes through `append_run(out, run)`.
std::u32string transform_runs(std::u32string_view text,
                              void (*append_run)(std::u32string&, std::u32string_view)) {
  std::u32string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_whitespace(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_whitespace(text[end])) ++end;
    const std::size_t before = out.size();
    if (!out.empty()) out += U' ';
    const std::size_t run_start = out.size();
    append_run(out, text.substr(i, end - i));
    if (out.size() == run_start) out.resize(before);  // the run gave nothing: no space either
    i = end;
  }
  return out;
}

// " w1 w2 …": the words of a search key, split at whitespace and punctuation, each
// after one space, apostrophes dropped. A word prefix is then a match of " prefix".
std::string spaced_words(std::string_view key) {
  std::string out;
  bool in_word = false;
  for (char32_t cp : decode_utf8(key)) {
    if (is_apostrophe(cp)) continue;
    if (is_separator(cp)) {
      in_word = false;
      continue;
    }
    if (!in_word) out += ' ';
    in_word = true;
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace

std::string_view unicode_version() { return kUnicodeVersion; }

bool is_valid_utf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    if (next_code_point(text, at) == kIllFormed) return false;
  }
  return true;
}

std::u32string decode_utf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  std::size_t at = 0;
  while (at < utf8.size()) {
    const char32_t cp = next_code_point(utf8, at);
    out += cp == kIllFormed ? kReplacementCharacter : cp;
  }
  return out;
}

std::string encode_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (char32_t cp : code_points) append_utf8(out, cp);
  return out;
}

bool is_whitespace(char32_t cp) {
  return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

std::string collapse_whitespace(std::string_view utf8) {
  return encode_utf8(transform_runs(
      decode_utf8(utf8), [](std::u32string& out, std::u32string_view run) { out += run; }));
}

std::string to_nfc(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);
  return encode_utf8(canonical_composition(decode_utf8(utf8)));
}

std::string to_nfd(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);
  return encode_utf8(canonical_decomposition(decode_utf8(utf8)));
}

std::string to_lower(std::string_view utf8) { return map_code_points(utf8, lower); }

std::string to_upper(std::string_view utf8) { return map_code_points(utf8, upper); }

std::string fold_tone_placement(std::string_view text) {
  const std::u32string decomposed = canonical_decomposition(decode_utf8(text));
  const std::u32string folded =
      transform_runs(decomposed, [](std::u32string& out, std::u32string_view run) {
        std::u32string tones;
        for (std::size_t i = 0; i <= run.size(); ++i) {
          if (i == run.size() || is_separator(run[i])) {
            out += tones;  // the syllable's tone, wherever it was written, goes to its end
            tones.clear();
            if (i < run.size()) out += run[i];
          } else if (is_tone_mark(run[i])) {
            tones += run[i];
          } else {
            out += lower(run[i]);
          }
        }
      });
  return encode_utf8(canonical_composition(folded));
}

std::string search_key(std::string_view text) {
  const std::u32string decomposed = canonical_decomposition(decode_utf8(text));
  const std::u32string key =
      transform_runs(decomposed, [](std::u32string& out, std::u32string_view run) {
        for (char32_t cp : run) {
          if (combining_class(cp) != 0) continue;
          out += (cp == 0x0110 || cp == 0x0111) ? U'd' : lower(cp);  // đ, Đ
        }
      });
  return encode_utf8(canonical_composition(key));
}

bool search_matches(std::string_view query, std::string_view text) {
  const std::string text_words = spaced_words(search_key(text));
  const std::string query_words = spaced_words(search_key(query));
  std::size_t start = 0;
  while (start < query_words.size()) {
    std::size_t end = query_words.find(' ', start + 1);
    if (end == std::string::npos) end = query_words.size();
    if (text_words.find(query_words.data() + start, 0, end - start) == std::string::npos) {
      return false;
    }
    start = end;
  }
  return true;
}

}  // namespace tokhai::core
