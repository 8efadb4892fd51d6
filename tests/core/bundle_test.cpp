// Bundles: shared facts are asked once and reach every procedure; optional
// procedures can be left out; a bundle that does not fit its forms is a load
// error.
#include "core/form/bundle.h"

#include <catch2/catch.hpp>

using tokhai::core::BundleDefinition;
using tokhai::core::BundleSession;
using tokhai::core::CalendarDate;
using tokhai::core::FormDefinition;
using tokhai::core::load_bundle_definition;
using tokhai::core::load_form_definition;
using tokhai::core::expr::Value;

namespace {

std::string form_json(const std::string& id, const std::string& fields) {
  return R"({"format": "tokhai-form/1", "id": ")" + id + R"(", "version": "1",
    "title": {"vi": "Thủ tục )" +
         id + R"("}, "legal_basis": {"vi": "Thử nghiệm"},
    "effective_date": "2024-07-01", "agency": {"code": "x", "name": {"vi": "Cơ quan"}},
    "pages": [{"id": "p", "title": {"vi": "Trang"}, "fields": [)" +
         fields + "]}]}";
}

const std::string kDeath = form_json("khai-tu", R"f(
  {"id": "deceased_name", "type": "text", "label": {"vi": "Họ tên người chết"}, "required": true},
  {"id": "death_date", "type": "date", "label": {"vi": "Ngày chết"}, "required": true})f");
const std::string kResidence = form_json("xoa-thuong-tru", R"f(
  {"id": "person_name", "type": "text", "label": {"vi": "Họ tên"}, "required": true},
  {"id": "reason", "type": "text", "label": {"vi": "Lý do"}, "required": true})f");
const std::string kAllowance = form_json("mai-tang-phi", R"f(
  {"id": "deceased_name", "type": "text", "label": {"vi": "Họ tên người chết"}, "required": true},
  {"id": "death_date", "type": "text", "label": {"vi": "Ngày chết (bằng chữ)"}},
  {"id": "bank_account", "type": "text", "label": {"vi": "Số tài khoản"}, "required": true})f");

const char* kBundle = R"json({
  "format": "tokhai-bundle/1", "id": "lien-thong.khai-tu", "version": "1",
  "title": {"vi": "Liên thông khai tử"}, "legal_basis": {"vi": "Nghị định 63/2024/NĐ-CP"},
  "effective_date": "2024-07-01", "agency": {"code": "ubnd-xa", "name": {"vi": "UBND xã"}},
  "procedures": [
    {"form": "khai-tu", "version": "1"},
    {"form": "xoa-thuong-tru", "version": "1", "optional": true},
    {"form": "mai-tang-phi", "version": "1", "optional": true}],
  "shared": [
    {"id": "deceased_name", "fields": {"khai-tu": "deceased_name",
      "xoa-thuong-tru": "person_name", "mai-tang-phi": "deceased_name"}},
    {"id": "death_date", "fields": {"khai-tu": "death_date"}}]
})json";

struct Forms {
  FormDefinition death = load_form_definition(kDeath, "khai-tu.json").value();
  FormDefinition residence = load_form_definition(kResidence, "xoa.json").value();
  FormDefinition allowance = load_form_definition(kAllowance, "mai-tang.json").value();

  const FormDefinition* find(std::string_view id, std::string_view version) const {
    if (version != "1") return nullptr;
    for (const FormDefinition* form : {&death, &residence, &allowance}) {
      if (form->summary.id == id) return form;
    }
    return nullptr;
  }
  tokhai::core::Result<BundleDefinition> bundle(const std::string& text) const {
    return load_bundle_definition(
        text, "bundle.json",
        [this](std::string_view id, std::string_view version) { return find(id, version); });
  }
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a shared fact is typed once and reaches every procedure") {
  const Forms forms;
  auto bundle = forms.bundle(kBundle);
  REQUIRE(bundle);
  BundleSession session(bundle.value(), CalendarDate{2026, 11, 21});
  REQUIRE(session.set_shared("deceased_name", "Nguyễn Văn Tư"));
  CHECK(session.session("khai-tu")->answer("deceased_name") == Value("Nguyễn Văn Tư"));
  CHECK(session.session("xoa-thuong-tru")->answer("person_name") == Value("Nguyễn Văn Tư"));
  CHECK(session.session("mai-tang-phi")->answer("deceased_name") == Value("Nguyễn Văn Tư"));

  auto direct = session.set_answer("xoa-thuong-tru", "person_name", -1, "Khác");
  REQUIRE_FALSE(direct);
  CHECK(direct.error().code == "answer.shared");
}

TEST_CASE("the citizen picks the optional procedures; unpicked ones ask nothing") {
  const Forms forms;
  auto bundle = forms.bundle(kBundle);
  REQUIRE(bundle);
  BundleSession session(bundle.value(), CalendarDate{2026, 11, 21});
  REQUIRE(session.set_shared("deceased_name", "Nguyễn Văn Tư"));
  REQUIRE(session.set_shared("death_date", "2026-11-20"));
  REQUIRE(session.set_answer("xoa-thuong-tru", "reason", -1, "Đã chết"));
  CHECK_FALSE(session.valid());  // the funeral allowance needs a bank account
  bool bank_missing = false;
  for (const auto& [path, issue] : session.issues()) {
    bank_missing =
        bank_missing || (path == "mai-tang-phi/bank_account" && issue.code == "required");
  }
  CHECK(bank_missing);
  REQUIRE(session.choose("mai-tang-phi", false));
  CHECK(session.valid());
  auto required = session.choose("khai-tu", false);
  REQUIRE_FALSE(required);
  CHECK(required.error().code == "bundle.required");
}

TEST_CASE("a bundle that does not fit its forms is a load error") {
  const Forms forms;
  auto code = [&](const std::string& text) {
    auto bundle = forms.bundle(text);
    return bundle ? std::string("ok") : bundle.error().code;
  };
  CHECK(code(kBundle) == "ok");
  CHECK(code(replaced(kBundle, R"("form": "khai-tu", "version": "1")",
                      R"("form": "khai-tu", "version": "2")")) == "bundle.form");
  CHECK(code(replaced(kBundle, R"("xoa-thuong-tru": "person_name")",
                      R"("xoa-thuong-tru": "ho_ten")")) == "bundle.field");
  CHECK(code(replaced(kBundle, R"({"khai-tu": "death_date"})",
                      R"({"khai-tu": "death_date", "mai-tang-phi": "death_date"})")) ==
        "bundle.type");
  CHECK(code(replaced(kBundle, "tokhai-bundle/1", "tokhai-form/1")) == "form.format");
  // Members of the wrong JSON type are errors, never exceptions (the wasm
  // build has none: an exception there would stop the app).
  CHECK(code(replaced(kBundle, R"("optional": true)", R"("optional": "có")")) == "form.type");
  CHECK(code(replaced(kBundle, R"("format": "tokhai-bundle/1")", R"("format": 1)")) == "form.type");
}
