// Personal ID (CCCD) and old CMND numbers (see personal_id.h).
#include "core/validators/personal_id.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "core/validators/answer_text.h"

namespace tokhai::core {
namespace {

struct Province {
  int code;
  std::string_view name;
};

// The 63 provinces and cities before the 2025 merger, whose codes personal ID numbers
// keep (DOMAIN.md §2.1). Sorted by code.
constexpr Province kProvinces[] = {
    {1, "Hà Nội"},
    {2, "Hà Giang"},
    {4, "Cao Bằng"},
    {6, "Bắc Kạn"},
    {8, "Tuyên Quang"},
    {10, "Lào Cai"},
    {11, "Điện Biên"},
    {12, "Lai Châu"},
    {14, "Sơn La"},
    {15, "Yên Bái"},
    {17, "Hòa Bình"},
    {19, "Thái Nguyên"},
    {20, "Lạng Sơn"},
    {22, "Quảng Ninh"},
    {24, "Bắc Giang"},
    {25, "Phú Thọ"},
    {26, "Vĩnh Phúc"},
    {27, "Bắc Ninh"},
    {30, "Hải Dương"},
    {31, "Hải Phòng"},
    {33, "Hưng Yên"},
    {34, "Thái Bình"},
    {35, "Hà Nam"},
    {36, "Nam Định"},
    {37, "Ninh Bình"},
    {38, "Thanh Hóa"},
    {40, "Nghệ An"},
    {42, "Hà Tĩnh"},
    {44, "Quảng Bình"},
    {45, "Quảng Trị"},
    {46, "Thừa Thiên Huế"},
    {48, "Đà Nẵng"},
    {49, "Quảng Nam"},
    {51, "Quảng Ngãi"},
    {52, "Bình Định"},
    {54, "Phú Yên"},
    {56, "Khánh Hòa"},
    {58, "Ninh Thuận"},
    {60, "Bình Thuận"},
    {62, "Kon Tum"},
    {64, "Gia Lai"},
    {66, "Đắk Lắk"},
    {67, "Đắk Nông"},
    {68, "Lâm Đồng"},
    {70, "Bình Phước"},
    {72, "Tây Ninh"},
    {74, "Bình Dương"},
    {75, "Đồng Nai"},
    {77, "Bà Rịa – Vũng Tàu"},
    {79, "TP. Hồ Chí Minh"},
    {80, "Long An"},
    {82, "Tiền Giang"},
    {83, "Bến Tre"},
    {84, "Trà Vinh"},
    {86, "Vĩnh Long"},
    {87, "Đồng Tháp"},
    {89, "An Giang"},
    {91, "Kiên Giang"},
    {92, "Cần Thơ"},
    {93, "Hậu Giang"},
    {94, "Sóc Trăng"},
    {95, "Bạc Liêu"},
    {96, "Cà Mau"},
};
static_assert(std::size(kProvinces) == 63);

constexpr int kFirstCountryCode = 101, kLastCountryCode = 295;

int number_at(std::string_view digits, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (digits[i] - '0');
  return value;
}

bool is_country_code(int code) { return code >= kFirstCountryCode && code <= kLastCountryCode; }

// The parts of 12 digits, whatever their values.
PersonalIdParts split(std::string_view digits) {
  const int place_code = number_at(digits, 0, 3);
  const int century_and_sex = number_at(digits, 3, 1);
  const int century_start = 1900 + 100 * (century_and_sex / 2);
  return PersonalIdParts{place_code, is_country_code(place_code), century_start,
                         century_and_sex % 2 == 0, century_start + number_at(digits, 4, 2)};
}

Issue format_issue(std::string_view text) {
  if (text.size() == 9 && is_ascii_digits(text)) {
    return Issue{"cccd.format",
                 {"Số định danh cá nhân phải gồm đúng 12 chữ số. Số 9 chữ số là số CMND cũ: "
                  "hãy ghi vào ô “Số CMND cũ”.",
                  "The personal ID number must be exactly 12 digits. A 9-digit number is an "
                  "old identity card (CMND) number: enter it under “Old CMND number”."}};
  }
  return Issue{"cccd.format",
               {"Số định danh cá nhân phải gồm đúng 12 chữ số.",
                "The personal ID number must be exactly 12 digits."}};
}

LocalizedText sex_name(bool male) {
  return male ? LocalizedText{"Nam", "male"} : LocalizedText{"Nữ", "female"};
}

}  // namespace

std::optional<PersonalIdParts> parse_personal_id(std::string_view id) {
  if (!validate_personal_id(id, std::nullopt, std::nullopt).empty()) return std::nullopt;
  return split(trim_ascii_space(id));
}

Issues validate_personal_id(std::string_view id, std::optional<CalendarDate> date_of_birth,
                            std::optional<bool> male) {
  const std::string_view digits = trim_ascii_space(id);
  if (digits.size() != 12 || !is_ascii_digits(digits)) return {format_issue(digits)};

  const PersonalIdParts parts = split(digits);
  const std::string place(digits.substr(0, 3));
  const std::string g(digits.substr(3, 1));
  Issues issues;
  if (!parts.born_abroad && !personal_id_province_name(parts.place_code)) {
    issues.push_back({"cccd.province",
                      {"Ba chữ số đầu “" + place +
                           "” không phải mã tỉnh, thành phố hay mã quốc gia nơi đăng ký khai "
                           "sinh. Hãy kiểm tra lại số định danh.",
                       "The first three digits “" + place +
                           "” are not the code of a province or country where a birth is "
                           "registered. Please check the number."}});
  }
  if (parts.century_start > 2000) {
    issues.push_back({"cccd.century",
                      {"Chữ số thứ tư “" + g +
                           "” chỉ người sinh từ năm 2100 trở đi. Hãy kiểm tra lại số định danh.",
                       "The fourth digit “" + g +
                           "” stands for a birth in 2100 or later. Please check the number."}});
  } else if (date_of_birth && date_of_birth->year != parts.birth_year) {
    const std::string id_year = std::to_string(parts.birth_year);
    const std::string given_year = std::to_string(date_of_birth->year);
    issues.push_back({"cccd.birth_year",
                      {"Số định danh cho biết năm sinh " + id_year +
                           ", nhưng ngày sinh đã khai là năm " + given_year + ".",
                       "The ID number gives " + id_year +
                           " as the year of birth, but the date "
                           "of birth entered is in " +
                           given_year + "."}});
  }
  if (male && *male != parts.male) {
    const LocalizedText in_id = sex_name(parts.male), entered = sex_name(*male);
    issues.push_back({"cccd.sex",
                      {"Chữ số thứ tư của số định danh cho biết giới tính " + in_id.vi +
                           ", nhưng giới tính đã khai là " + entered.vi + ".",
                       "The fourth digit of the ID number means " + in_id.en +
                           ", but the sex entered is " + entered.en + "."}});
  }
  return issues;
}

std::optional<std::string_view> personal_id_province_name(int code) {
  const auto* it = std::lower_bound(std::begin(kProvinces), std::end(kProvinces), code,
                                    [](const Province& p, int wanted) { return p.code < wanted; });
  if (it == std::end(kProvinces) || it->code != code) return std::nullopt;
  return it->name;
}

Issues validate_old_id_number(std::string_view number) {
  const std::string_view digits = trim_ascii_space(number);
  if (digits.size() == 9 && is_ascii_digits(digits)) return {};
  if (digits.size() == 12 && is_ascii_digits(digits)) {
    return {{"cmnd.format",
             {"Số CMND cũ gồm 9 chữ số. CMND 12 chữ số có cùng dạng với số định danh cá "
              "nhân: hãy ghi vào ô “Số định danh cá nhân”.",
              "An old identity card (CMND) number has 9 digits. A 12-digit CMND has the form "
              "of a personal ID number: enter it under “Personal ID number”."}}};
  }
  return {{"cmnd.format",
           {"Số CMND cũ phải gồm đúng 9 chữ số.",
            "An old identity card (CMND) number must be exactly 9 digits."}}};
}

}  // namespace tokhai::core
