// Unicode text for Vietnamese: UTF-8, normalisation (NFC/NFD), case mapping for
// the Latin script, and the folding keys used to compare and search names.
//
// Vietnamese text reaches us in several shapes: precomposed (NFC) from most
// keyboards, decomposed (NFD) from macOS and some IMEs, with the tone mark in
// the "old" place (Hòa, Thúy) or the "new" one (Hoà, Thuý). Everything a citizen
// types is stored as NFC (DOMAIN.md §2.5); comparisons go through
// fold_tone_placement, searches through search_key / search_matches. Display
// keeps the user's own spelling.
//
// The Unicode data (combining classes, canonical decompositions, composition
// exclusions, simple case mappings) is generated into unicode_tables.inc by
// generate_unicode_tables.py from Debian's unicode-data package.
#pragma once

#include <string>
#include <string_view>

namespace tokhai::core {

// The Unicode version of the generated tables, e.g. "15.0.0".
std::string_view unicode_version();

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// The code points of `utf8`; each maximal ill-formed subsequence becomes one U+FFFD.
std::u32string decode_utf8(std::string_view utf8);

// UTF-8 for `code_points`; surrogates and values past U+10FFFF become U+FFFD.
std::string encode_utf8(std::u32string_view code_points);

// True for the Unicode White_Space characters (ASCII spaces and controls, NBSP, U+2000–200A,
// U+3000, …).
bool is_whitespace(char32_t cp);

// True for the characters typed as an apostrophe in names such as "H'Mông": U+0027, the
// right single quotation mark U+2019 and the modifier letter apostrophe U+02BC.
bool is_apostrophe(char32_t cp);

// `utf8` with whitespace runs made one ASCII space and the ends trimmed.
std::string collapse_whitespace(std::string_view utf8);

// Canonical composition (Unicode Normalization Form C); ill-formed UTF-8 becomes U+FFFD.
std::string to_nfc(std::string_view utf8);

// Canonical decomposition (Unicode Normalization Form D); ill-formed UTF-8 becomes U+FFFD.
std::string to_nfd(std::string_view utf8);

// Simple lowercase of ASCII, Latin-1, Latin Extended-A/B and Latin Extended Additional
// (all Vietnamese letters); other code points are copied. The normalisation form is kept.
std::string to_lower(std::string_view utf8);

// Simple uppercase over the same ranges as to_lower ("đặng" → "ĐẶNG").
std::string to_upper(std::string_view utf8);

// A key equal for the same Vietnamese words whatever the tone-mark placement, case or
// normalisation form: "Hòa", "Hoà", "HOÀ" and NFD "Hoa\u0300" share one key, "Hoa" and
// "Hóa" do not. Each syllable is lowercased, its tone mark (grave, acute, tilde, hook
// above, dot below) moved to its end, and the result composed to NFC; whitespace runs
// become one space, leading and trailing whitespace is dropped, punctuation is kept.
std::string fold_tone_placement(std::string_view text);

// A key for accent- and case-insensitive search: canonically equivalent input gives the
// same key; combining marks (non-zero combining class: every Vietnamese diacritic) are
// dropped, đ/Đ become d, letters are lowercased, whitespace runs become one space and the
// ends are trimmed; punctuation is kept ("  Đăng ký  KHAI SINH" → "dang ky khai sinh").
std::string search_key(std::string_view text);

// True when every word of `query` begins a word of `text`, compared by search_key, in any
// order ("khai sinh", "dang ky" and "ha noi" match "Đăng ký khai sinh" / "Thành phố Hà
// Nội"). Words are split at whitespace and punctuation; apostrophes inside a word are
// ignored ("hmong" matches "H'Mông"). An empty query matches everything.
bool search_matches(std::string_view query, std::string_view text);

}  // namespace tokhai::core
