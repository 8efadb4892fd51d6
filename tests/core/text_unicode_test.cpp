// Unicode for Vietnamese text: UTF-8, NFC/NFD conformance against Unicode's own
// NormalizationTest.txt, case mapping, tone-placement folding and search keys.
//
// The conformance data is .cache/deps/unicode/NormalizationTest.txt, which
// shell/deps decompresses from Debian's unicode-data package; a test here runs
// src/core/text/generate_unicode_tables.py again and checks that the committed
// tables (and that file) are what it produces.
#include "core/text/unicode.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using tokhai::core::decode_utf8;
using tokhai::core::encode_utf8;
using tokhai::core::fold_tone_placement;
using tokhai::core::is_valid_utf8;
using tokhai::core::search_key;
using tokhai::core::search_matches;
using tokhai::core::to_lower;
using tokhai::core::to_nfc;
using tokhai::core::to_nfd;
using tokhai::core::to_upper;

namespace {

const char* const kNormalizationTestPath = ".cache/deps/unicode/NormalizationTest.txt";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::string text(in ? static_cast<std::size_t>(in.tellg()) : 0, '\0');
  in.seekg(0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return text;
}

// "1E0A 0323" → the UTF-8 of U+1E0A U+0323.
std::string utf8_of_hex(const std::string& hex_code_points) {
  std::istringstream in(hex_code_points);
  std::u32string code_points;
  std::string hex;
  while (in >> hex) code_points += static_cast<char32_t>(std::stoul(hex, nullptr, 16));
  return encode_utf8(code_points);
}

struct NormalizationCase {
  std::string line;
  std::string column[5];  // source; NFC; NFD; NFKC; NFKD
  bool in_part1 = false;
};

std::vector<NormalizationCase> read_normalization_cases() {
  std::ifstream in(kNormalizationTestPath);
  std::vector<NormalizationCase> cases;
  std::string line;
  bool in_part1 = false;
  while (std::getline(in, line)) {
    if (line.rfind("@Part", 0) == 0) in_part1 = line.rfind("@Part1", 0) == 0;
    if (line.empty() || line[0] == '#' || line[0] == '@') continue;
    NormalizationCase test_case{line, {}, in_part1};
    std::istringstream fields(line);
    for (std::string& column : test_case.column) {
      std::string field;
      std::getline(fields, field, ';');
      column = utf8_of_hex(field);
    }
    cases.push_back(std::move(test_case));
  }
  return cases;
}

// The lines of NormalizationTest.txt, read once for the tests that use them.
const std::vector<NormalizationCase>& normalization_cases() {
  static const std::vector<NormalizationCase> cases = read_normalization_cases();
  return cases;
}

}  // namespace

TEST_CASE("NFC and NFD pass every line of Unicode's NormalizationTest.txt") {
  const std::vector<NormalizationCase>& cases = normalization_cases();
  INFO("conformance data: " << kNormalizationTestPath);
  REQUIRE(cases.size() > 18000);

  std::vector<std::string> failures;
  for (const NormalizationCase& c : cases) {
    const auto& [c1, c2, c3, c4, c5] = c.column;
    const bool nfc_ok = c2 == to_nfc(c1) && c2 == to_nfc(c2) && c2 == to_nfc(c3) &&
                        c4 == to_nfc(c4) && c4 == to_nfc(c5);
    const bool nfd_ok = c3 == to_nfd(c1) && c3 == to_nfd(c2) && c3 == to_nfd(c3) &&
                        c5 == to_nfd(c4) && c5 == to_nfd(c5);
    if ((!nfc_ok || !nfd_ok) && failures.size() < 10) failures.push_back(c.line);
  }
  CAPTURE(failures);
  CHECK(failures.empty());
}

TEST_CASE("every code point not listed in Part 1 is its own NFC") {
  std::set<char32_t> listed;
  for (const NormalizationCase& c : normalization_cases()) {
    if (c.in_part1) listed.insert(decode_utf8(c.column[0]).front());
  }
  REQUIRE(listed.size() > 10000);

  // Checked in chunks of " X" (a space is a starter that composes with nothing, so it
  // keeps each X on its own); a failing chunk is then checked one code point at a time.
  std::vector<char32_t> failures;
  std::u32string chunk;
  const auto check_chunk = [&] {
    const std::string text = encode_utf8(chunk);
    if (to_nfc(text) == text) return;
    for (std::size_t i = 1; i < chunk.size(); i += 2) {
      const std::string x = encode_utf8(chunk.substr(i, 1));
      if (to_nfc(x) != x) failures.push_back(chunk[i]);
    }
  };
  // The invariant covers assigned code points; planes 4–13 have none in Unicode 15.0.
  REQUIRE(tokhai::core::unicode_version() == "15.0.0");
  for (char32_t cp = 0; cp <= 0x10FFFF; cp = cp == 0x3FFFF ? 0xE0000 : cp + 1) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || listed.count(cp) != 0) continue;
    chunk += U' ';
    chunk += cp;
    if (chunk.size() >= 8192) {
      check_chunk();
      chunk.clear();
    }
  }
  check_chunk();
  CAPTURE(failures);
  CHECK(failures.empty());
}

TEST_CASE("the committed Unicode tables and test data are what the generator makes") {
  // Needs Debian's unicode-data package (shell/deps installs it) and a shell, which
  // the native builds have and the wasm test under node does not.
  if (std::system(nullptr) == 0) {
    WARN("no command processor in this build: the generator check runs natively");
    return;
  }
  REQUIRE(std::filesystem::exists("/usr/share/unicode/UnicodeData.txt"));
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("tokhai-unicode-" + std::to_string(stamp));
  std::filesystem::create_directories(out);
  const std::string command =
      "/usr/bin/python3 src/core/text/generate_unicode_tables.py --output-dir '" + out.string() +
      "'";
  const int status = std::system(command.c_str());
  const std::string tables = read_file(out / "unicode_tables.inc");
  const std::string test_data = read_file(out / "NormalizationTest.txt");
  std::filesystem::remove_all(out);

  REQUIRE(status == 0);
  CHECK(tables.find("constexpr char kUnicodeVersion[] = \"15.0.0\";") != std::string::npos);
  CHECK(tables == read_file("src/core/text/unicode_tables.inc"));
  CHECK(test_data == read_file(kNormalizationTestPath));
}

TEST_CASE("the tables are Unicode 15.0") { CHECK(tokhai::core::unicode_version() == "15.0.0"); }

TEST_CASE("UTF-8 is checked strictly and ill-formed bytes become U+FFFD") {
  CHECK(is_valid_utf8("Việt Nam"));
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3"));  // a flag, 4-byte sequences
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));                    // overlong "/"
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));                // a surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));            // past U+10FFFF
  CHECK_FALSE(is_valid_utf8("Vi\xE1\xBB"));                  // cut short
  CHECK_FALSE(is_valid_utf8("\xFF"));

  CHECK(to_nfc("a\xFF"
               "b") == "a\uFFFDb");
  // One U+FFFD per maximal ill-formed subpart (Unicode §3.9, Table 3-8).
  CHECK(to_nfc("\xE1\xBB"
               "x") == "\uFFFDx");
  CHECK(to_nfc("\xF0\x80\x80") == "\uFFFD\uFFFD\uFFFD");
  CHECK(to_nfc("\xC0\xAF") == "\uFFFD\uFFFD");
  CHECK(decode_utf8("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");
  CHECK(encode_utf8(U"Đ\U0001F600") == "Đ\xF0\x9F\x98\x80");
}

TEST_CASE("Vietnamese typed in NFD (macOS, some IMEs) becomes the NFC the forms store") {
  CHECK(to_nfc("Nguye\u0302\u0303n") == "Nguyễn");
  CHECK(to_nfc("be\u0323\u0302nh vie\u0323\u0302n") == "bệnh viện");
  // Horn (class 216) and the tone mark (230) compose in either typed order.
  CHECK(to_nfc("o\u031B\u0300") == "\u1EDD");
  CHECK(to_nfc("o\u0300\u031B") == "\u1EDD");
  CHECK(to_nfc("a\u0302\u0323") == "\u1EAD");
  CHECK(to_nfc("a\u0323\u0302") == "\u1EAD");
  CHECK(to_nfc("D\u0303") == "D\u0303");  // nothing to compose with
  CHECK(to_nfd("Nguyễn") == "Nguye\u0302\u0303n");
  CHECK(to_nfd("ậ") == "a\u0323\u0302");
  CHECK(to_nfc("Đặng Thị Hoà") == "Đặng Thị Hoà");
}

TEST_CASE("a long run of combining marks is put in canonical order") {
  // 'a' and 100,000 pairs of acute (class 230) and dot below (class 220): the
  // dots go first, each class keeps its order. An insertion sort took minutes.
  std::string marks = "a";
  std::string dots = "a";
  std::string acutes;
  for (int i = 0; i < 100'000; ++i) {
    marks += "\xcc\x81\xcc\xa3";
    dots += "\xcc\xa3";
    acutes += "\xcc\x81";
  }
  CHECK(tokhai::core::to_nfd(marks) == dots + acutes);
  // NFC: "a" + dot below composes to "ạ"; nothing composes with what follows.
  CHECK(tokhai::core::to_nfc(marks) == "\xe1\xba\xa1" + dots.substr(3) + acutes);
}

TEST_CASE("Hangul composes and decomposes by arithmetic") {
  CHECK(to_nfd("\uD55C") == "\u1112\u1161\u11AB");
  CHECK(to_nfc("\u1112\u1161\u11AB") == "\uD55C");
  CHECK(to_nfc("\u1100\u1161") == "\uAC00");
}

TEST_CASE("case mapping covers every Vietnamese letter") {
  CHECK(to_upper("nguyễn thị hoà") == "NGUYỄN THỊ HOÀ");
  CHECK(to_lower("NGUYỄN THỊ HOÀ") == "nguyễn thị hoà");
  CHECK(to_upper("đặng ưu ơn") == "ĐẶNG ƯU ƠN");
  CHECK(to_lower("ĐẶNG ƯU ƠN") == "đặng ưu ơn");
  CHECK(to_upper("ỳ ỵ ỷ ỹ ý") == "Ỳ Ỵ Ỷ Ỹ Ý");
  // Every precomposed Vietnamese letter (U+1EA0–1EF9 alternate upper, lower).
  for (char32_t upper = 0x1EA0; upper <= 0x1EF8; upper += 2) {
    const std::string capital = encode_utf8(std::u32string(1, upper));
    const std::string small = encode_utf8(std::u32string(1, upper + 1));
    INFO(capital);
    CHECK(to_lower(capital) == small);
    CHECK(to_upper(small) == capital);
  }
  CHECK(to_lower("ÀÉÎÕÜ ĂĐĨŨƠƯ ǄǅǇ") == "àéîõü ăđĩũơư ǆǆǉ");
  CHECK(to_upper("ÿ ı ſ ǆ") == "Ÿ I S Ǆ");
  // NFD stays NFD: only the base letter changes.
  CHECK(to_upper("e\u0302\u0303") == "E\u0302\u0303");
  CHECK(to_lower("123 – ABC") == "123 – abc");
}

TEST_CASE("old and new tone placement fold to one key; the tone itself still counts") {
  CHECK(fold_tone_placement("Hòa") == fold_tone_placement("Hoà"));
  CHECK(fold_tone_placement("Thúy") == fold_tone_placement("Thuý"));
  CHECK(fold_tone_placement("HOÀ") == fold_tone_placement("hòa"));
  CHECK(fold_tone_placement("Khánh Hòa") == fold_tone_placement("Khánh Hoà"));
  CHECK(fold_tone_placement("Hiệp Hoà") == fold_tone_placement("HIỆP HÒA"));
  CHECK(fold_tone_placement("quý") == fold_tone_placement("qúy"));
  CHECK(fold_tone_placement("Nguye\u0302\u0303n Thi\u0323 Hoa\u0300") ==
        fold_tone_placement("Nguyễn Thị Hòa"));
  CHECK(fold_tone_placement("  Khánh \t Hòa ") == fold_tone_placement("Khánh Hoà"));
  CHECK(fold_tone_placement("Bà Rịa–Vũng Tàu") == fold_tone_placement("bà rịa–vũng tàu"));

  CHECK(fold_tone_placement("Hòa") != fold_tone_placement("Hoa"));
  CHECK(fold_tone_placement("Hòa") != fold_tone_placement("Hóa"));
  CHECK(fold_tone_placement("Hỏa") != fold_tone_placement("Hõa"));
  CHECK(fold_tone_placement("Tâm") != fold_tone_placement("Tam"));
  CHECK(fold_tone_placement("Đức") != fold_tone_placement("Dức"));
  CHECK(fold_tone_placement("Ngô Thì") != fold_tone_placement("Ngô Thị"));
  // Each syllable keeps its own tone: swapping tones between syllables changes the key.
  CHECK(fold_tone_placement("Hòa Bình") != fold_tone_placement("Hoa Bình"));
  CHECK(fold_tone_placement("Hòa Bình") != fold_tone_placement("Hoà Binh"));
}

TEST_CASE("whitespace of every kind collapses to one space") {
  CHECK(tokhai::core::collapse_whitespace("\u3000 Hà\t\nNội\u00A0 ") == "Hà Nội");
  CHECK(tokhai::core::collapse_whitespace("Khánh\u2009Hoà") == "Khánh Hoà");
  CHECK(tokhai::core::collapse_whitespace(" \t ") == "");
  CHECK(tokhai::core::collapse_whitespace("H'Mông") == "H'Mông");
}

TEST_CASE("search keys ignore accents, case, đ and extra spaces") {
  CHECK(search_key("  Đăng ký   KHAI SINH ") == "dang ky khai sinh");
  CHECK(search_key("Thành phố Hà Nội") == "thanh pho ha noi");
  CHECK(search_key("Nguye\u0302\u0303n") == "nguyen");
  CHECK(search_key("Hòa") == search_key("Hoà"));
  CHECK(search_key("") == "");
}

TEST_CASE("a search matches when every query word begins a word of the text") {
  CHECK(search_matches("khai sinh", "Đăng ký khai sinh"));
  CHECK(search_matches("dang ky", "Đăng ký khai sinh"));
  CHECK(search_matches("ĐĂNG KÝ", "Đăng ký khai sinh"));
  CHECK(search_matches("ha noi", "Thành phố Hà Nội"));
  CHECK(search_matches("noi ha", "Thành phố Hà Nội"));
  CHECK(search_matches("kha", "Đăng ký khai sinh"));
  CHECK(search_matches("vung tau", "Bà Rịa–Vũng Tàu"));
  CHECK(search_matches("hcm", "TP.HCM"));
  CHECK(search_matches("hmong", "H'Mông"));
  CHECK(search_matches("", "Đăng ký khai sinh"));

  CHECK_FALSE(search_matches("xyz", "Đăng ký khai sinh"));
  CHECK_FALSE(search_matches("hai sinh", "Đăng ký khai sinh"));  // "hai" starts no word
  CHECK_FALSE(search_matches("khai tu", "Đăng ký khai sinh"));
}
