// vault_bench: the vault's durable save in the browser, the way the phone app
// saves a draft (app/citizen_app.cpp save_draft), with the real storage,
// crypto and platform code. Linked only in the wasm build, to
// build/<preset>/bench-web/vault-bench-wasm.js; tests/bench/vault-bench.html
// loads it, and tests/bench/vault-bench.js drives it through these exported
// steps, each returning JSON text ({"ok": false, "error": …} on failure):
//
//   vault_bench_open_folder()    open_persistent_folder("/vault"); the page
//                                waits for vault_bench_folder_state() = 1
//   vault_bench_create(pin)      VaultStore::open of the app's database file,
//                                calibrate_password_hash as the app does
//                                (kKeyDerivationTarget, kMaxKeyDerivationMemory)
//                                and create_vault with that PIN: both timed;
//                                then the calibration once more, warm
//   vault_bench_make_draft(n)    a "tokhai-draft/1" draft with n answers (as
//                                Filing::draft_json shapes it): Vietnamese
//                                names, addresses, dates, codes, free text and
//                                a table of household members
//   vault_bench_save(i)          save i: one text answer grows by a few
//                                characters (typing, then the app's 0.6 s
//                                pause); the draft is serialised, put() in the
//                                vault (sealed, written by SQLite into the
//                                in-memory file system) and
//                                save_persistent_folder() asked for; returns
//                                the ticket, which the page waits for
//                                durable_save_ticket() to reach
//   vault_bench_durable_ticket() durable_save_ticket()
//   vault_bench_unlock(runs)     lock() then unlock() with the PIN, `runs`
//                                times (Argon2id at the calibrated cost), and
//                                get() of the draft after each
//   vault_bench_export()         export_file() of the vault holding the draft,
//                                and the size of the SQLite file;
//                                vault_bench_export_data() points at its bytes
//
// Times are steady_clock (performance.now() in the browser, which Chromium
// coarsens to 0.1 ms on a page that is not cross-origin isolated).
#include <emscripten/emscripten.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "crypto/bytes.h"
#include "crypto/password_hash.h"
#include "platform/persistent_files.h"
#include "storage/record.h"
#include "storage/unlocked_vault.h"
#include "storage/vault_secret.h"
#include "storage/vault_store.h"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;
namespace crypto = tokhai::crypto;
namespace platform = tokhai::platform;
namespace storage = tokhai::storage;

// As in app/citizen_app.cpp (vault_dir_ and kVaultFile) and app/filing.cpp.
constexpr const char* kFolder = "/vault";
constexpr const char* kVaultFile = "/vault/tokhai.sqlite";
constexpr const char* kDraftFormat = "tokhai-draft/1";
constexpr const char* kDraftKind = "draft";
// A generated form: no real form has 300 fields on one draft.
constexpr const char* kFormId = "bench.to-khai-300";
constexpr const char* kFormVersion = "2024.1";
constexpr const char* kOwner = "Nguyễn Thị Lan";
// Saves in a row that type into the same answer before moving to the next.
constexpr int kSavesPerField = 5;
// What the person types, a few characters per save.
constexpr std::string_view kTyped =
    "Gia đình chuyển đến ở cùng ông bà nội từ tháng Chín năm ngoái; "
    "con đã học tại trường tiểu học Nghĩa Tân, quận Cầu Giấy, Hà Nội.";
constexpr std::size_t kTypedPerSave = 3;  // code points

double ms_since(Clock::time_point started) {
  return std::chrono::duration<double, std::milli>(Clock::now() - started).count();
}

struct Bench {
  std::optional<storage::VaultStore> store;
  std::optional<storage::UnlockedVault> vault;
  std::string pin;
  json draft;
  std::vector<std::string> typed_fields;  // text answers a save may change
  std::string draft_id;
  std::size_t typed = 0;  // bytes of kTyped typed so far
  crypto::Bytes export_bytes;
  std::string reply;  // the text the last exported call returned
};

Bench& bench() {
  static Bench state;
  return state;
}

const char* reply(json value) {
  value["ok"] = true;
  bench().reply = value.dump();
  return bench().reply.c_str();
}

const char* fail(std::string_view step, const tokhai::core::Error& error) {
  json value = {
      {"ok", false},
      {"step", step},
      {"error", {{"code", error.code}, {"message", error.message.en}, {"where", error.where}}}};
  bench().reply = value.dump();
  return bench().reply.c_str();
}

const char* fail(std::string_view step, std::string_view message) {
  return fail(step,
              tokhai::core::Error{"bench.failed", {std::string(message), std::string(message)}});
}

// ---- A realistic draft ------------------------------------------------------------------------

// Pools of real-looking Vietnamese values (NFC, as the text agent delivers).
const std::vector<std::string_view> kSurnames = {
    "Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ",
    "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
const std::vector<std::string_view> kMiddleNames = {"Thị",   "Văn", "Hữu",  "Minh", "Ngọc",
                                                    "Thanh", "Đức", "Quốc", "Thuỳ", "Xuân"};
const std::vector<std::string_view> kGivenNames = {
    "Anh", "Bình", "Châu", "Dũng",  "Giang", "Hà",   "Hải",  "Hương",  "Khánh",
    "Lan", "Linh", "Long", "Mai",   "Nam",   "Ngân", "Phúc", "Phương", "Quân",
    "Sơn", "Tâm",  "Thảo", "Trang", "Tuấn",  "Việt", "Yến",  "Đạt",    "Nghĩa"};
const std::vector<std::string_view> kStreets = {
    "phố Chùa Bộc, phường Trung Liệt, quận Đống Đa, thành phố Hà Nội",
    "đường Nguyễn Văn Cừ, phường Nguyễn Cư Trinh, Quận 1, Thành phố Hồ Chí Minh",
    "thôn Phú Mỹ, xã Hoà Phong, huyện Hoà Vang, thành phố Đà Nẵng",
    "tổ dân phố 5, phường Quyết Thắng, thành phố Sơn La, tỉnh Sơn La",
    "ấp Mỹ Thạnh, xã Mỹ Hoà, huyện Bình Minh, tỉnh Vĩnh Long",
    "khu phố 3, phường Tân Phong, thành phố Biên Hoà, tỉnh Đồng Nai"};
const std::vector<std::string_view> kOccupations = {"Giáo viên tiểu học",
                                                    "Kỹ sư xây dựng",
                                                    "Nông dân",
                                                    "Công nhân may",
                                                    "Buôn bán nhỏ",
                                                    "Nhân viên văn phòng",
                                                    "Bác sĩ",
                                                    "Lái xe",
                                                    "Hưu trí",
                                                    "Sinh viên",
                                                    "Thợ điện",
                                                    "Kế toán"};
const std::vector<std::string_view> kIssuers = {"Cục Cảnh sát quản lý hành chính về trật tự xã hội",
                                                "Công an tỉnh Nghệ An", "Công an thành phố Hà Nội"};
const std::vector<std::string_view> kPlaces = {
    "Bệnh viện Phụ sản Trung ương", "Trạm y tế xã Hoà Phong", "Bệnh viện Đa khoa tỉnh Vĩnh Long",
    "Bệnh viện Từ Dũ"};
const std::vector<std::string_view> kReasons = {
    "Đăng ký thường trú cho con mới sinh tại nơi cư trú của mẹ.",
    "Chuyển đến ở cùng gia đình sau khi kết hôn; đã có giấy xác nhận của tổ trưởng tổ dân phố "
    "và hợp đồng thuê nhà có công chứng, thời hạn năm năm.",
    "Bổ sung thông tin về nơi sinh theo giấy chứng sinh số 1234/GCS do bệnh viện cấp.",
    "Cấp bản sao trích lục để làm hồ sơ nhập học cho con."};
const std::vector<std::string_view> kRelationships = {"me",  "cha", "ong", "ba",    "anh",
                                                      "chi", "con", "vo",  "chong", "khac"};

// The people and things a large form asks about, and what it asks of each
// (field ids as the forms spell them: section_attribute).
const std::vector<std::string_view> kSections = {
    "requester", "child",     "mother",         "father",         "guardian",       "spouse",
    "witness_1", "witness_2", "household_head", "previous_owner", "representative", "employer",
    "school",    "doctor",    "landlord",       "sponsor",        "heir_1",         "heir_2",
    "heir_3",    "deceased",  "informant",      "applicant_2",    "contact",        "beneficiary"};
enum class Kind { name, date, id, text, address, code, phone, number, flag, commune, long_text };
struct Attribute {
  std::string_view name;
  Kind kind;
};
const std::vector<Attribute> kAttributes = {
    {"name", Kind::name},          {"dob", Kind::date},
    {"sex", Kind::code},           {"id", Kind::id},
    {"id_issue_date", Kind::date}, {"id_issuer", Kind::text},
    {"ethnicity", Kind::code},     {"nationality", Kind::code},
    {"residence", Kind::commune},  {"address", Kind::address},
    {"phone", Kind::phone},        {"occupation", Kind::text},
    {"birth_year", Kind::number},  {"relationship", Kind::code},
    {"birth_place", Kind::text},   {"notes", Kind::long_text},
    {"is_resident", Kind::flag}};
// The table of household members (as in cu-tru.ct01).
constexpr int kTableRows = 6;
const std::vector<Attribute> kTableColumns = {
    {"member_name", Kind::name},         {"member_dob", Kind::date},
    {"member_sex", Kind::code},          {"member_id", Kind::id},
    {"member_relationship", Kind::code}, {"member_occupation", Kind::text},
    {"member_ethnicity", Kind::code},    {"member_address", Kind::address}};

class Values {
 public:
  explicit Values(unsigned seed) : random_(seed) {}

  template <class T>
  const T& pick(const std::vector<T>& pool) {
    return pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random_)];
  }
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  std::string digits(int count) {
    std::string text;
    for (int i = 0; i < count; ++i) text += static_cast<char>('0' + between(0, 9));
    return text;
  }
  std::string two(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

  json value(const Attribute& attribute) {
    switch (attribute.kind) {
      case Kind::name:
        return std::string(pick(kSurnames)) + " " + std::string(pick(kMiddleNames)) + " " +
               std::string(pick(kGivenNames));
      case Kind::date:
        return std::to_string(between(1945, 2024)) + "-" + two(between(1, 12)) + "-" +
               two(between(1, 28));
      case Kind::id:
        return "0" + digits(11);  // a 12-digit personal identification number
      case Kind::text:
        return std::string(attribute.name.find("issuer") != std::string_view::npos ? pick(kIssuers)
                           : attribute.name.find("place") != std::string_view::npos
                               ? pick(kPlaces)
                               : pick(kOccupations));
      case Kind::address:
        return "Số " + std::to_string(between(1, 300)) + ", ngõ " +
               std::to_string(between(2, 200)) + ", " + std::string(pick(kStreets));
      case Kind::code:
        if (attribute.name.find("sex") != std::string_view::npos)
          return between(0, 1) ? "nam" : "nu";
        if (attribute.name.find("relationship") != std::string_view::npos) {
          return std::string(pick(kRelationships));
        }
        if (attribute.name.find("nationality") != std::string_view::npos) return "VN";
        return two(between(1, 54));  // ethnicity code
      case Kind::phone:
        return "09" + digits(8);
      case Kind::number:
        return between(1940, 2024);
      case Kind::flag:
        return between(0, 1) == 1;
      case Kind::commune:
        return digits(5);  // an admin unit code
      case Kind::long_text:
        return std::string(pick(kReasons));
    }
    return nullptr;
  }

 private:
  std::mt19937 random_;
};

// A draft of `fields` answers (the household table's cells counted one each),
// shaped as Filing::draft_json makes it.
json make_draft(int fields, std::vector<std::string>& typed_fields) {
  Values values(20241121);
  json answers = json::object();
  typed_fields.clear();
  const int table_cells = fields >= 100 ? kTableRows * static_cast<int>(kTableColumns.size()) : 0;
  int count = 0;
  for (std::size_t s = 0; count < fields - table_cells; ++s) {
    const std::string section(kSections[s % kSections.size()]);
    const std::string suffix =
        s < kSections.size() ? "" : "_" + std::to_string(s / kSections.size() + 1);
    for (const Attribute& attribute : kAttributes) {
      if (count == fields - table_cells) break;
      const std::string id = section + suffix + "_" + std::string(attribute.name);
      answers[id] = values.value(attribute);
      if (attribute.kind == Kind::address || attribute.kind == Kind::long_text ||
          attribute.kind == Kind::text) {
        typed_fields.push_back(id);
      }
      ++count;
    }
  }
  if (table_cells > 0) {
    json rows = json::array();
    for (int row = 0; row < kTableRows; ++row) {
      json cells = json::object();
      for (const Attribute& column : kTableColumns)
        cells[std::string(column.name)] = values.value(column);
      rows.push_back(std::move(cells));
    }
    answers["household_members"] = std::move(rows);
  }
  json draft;
  draft["format"] = kDraftFormat;
  draft["kind"] = "form";
  draft["id"] = kFormId;
  draft["version"] = kFormVersion;
  draft["answers"] = json::object();
  draft["answers"][kFormId] = std::move(answers);
  draft["chosen"] = json::array({kFormId});
  draft["part"] = 0;
  draft["page"] = 1;
  return draft;
}

// The next few code points of kTyped (wrapping round), whole UTF-8 sequences.
std::string next_typed(std::size_t& position) {
  std::string text;
  for (std::size_t points = 0; points < kTypedPerSave; ++points) {
    if (position >= kTyped.size()) position = 0;
    do {
      text += kTyped[position++];
    } while (position < kTyped.size() &&
             (static_cast<unsigned char>(kTyped[position]) & 0xC0) == 0x80);
  }
  return text;
}

std::size_t file_size(const char* path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<std::size_t>(size);
}

json params_json(const crypto::PasswordHashParams& params) {
  return {{"ops_limit", params.ops_limit},
          {"mem_limit_mib", static_cast<double>(params.mem_limit_bytes) / (1 << 20)}};
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void vault_bench_open_folder() { platform::open_persistent_folder(kFolder); }

// 0 opening, 1 ready, 2 failed (vault_bench_folder_error says why).
EMSCRIPTEN_KEEPALIVE int vault_bench_folder_state() {
  switch (platform::persistent_folder_state()) {
    case platform::FolderState::ready:
      return 1;
    case platform::FolderState::failed:
      return 2;
    case platform::FolderState::opening:
      break;
  }
  return 0;
}

EMSCRIPTEN_KEEPALIVE const char* vault_bench_folder_error() {
  bench().reply = platform::persistent_folder_error();
  return bench().reply.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* vault_bench_create(const char* pin) {
  Bench& b = bench();
  auto started = Clock::now();
  auto store = storage::VaultStore::open(kVaultFile);
  if (!store) return fail("open", store.error());
  b.store.emplace(std::move(store).value());
  const double open_ms = ms_since(started);

  started = Clock::now();
  auto params = crypto::calibrate_password_hash(storage::kKeyDerivationTarget,
                                                storage::kMaxKeyDerivationMemory);
  if (!params) return fail("calibrate", params.error());
  const double calibrate_ms = ms_since(started);

  b.pin = pin;
  started = Clock::now();
  auto vault = b.store->create_vault(kOwner, {storage::SecretKind::pin, b.pin}, params.value());
  if (!vault) return fail("create_vault", vault.error());
  b.vault.emplace(std::move(vault).value());
  const double create_ms = ms_since(started);

  // The same calibration again, now that the module is warm and its memory
  // grown: what the first one measured on top of Argon2id itself.
  started = Clock::now();
  auto again = crypto::calibrate_password_hash(storage::kKeyDerivationTarget,
                                               storage::kMaxKeyDerivationMemory);
  if (!again) return fail("calibrate again", again.error());
  const double again_ms = ms_since(started);
  return reply({{"open_ms", open_ms},
                {"calibrate_ms", calibrate_ms},
                {"create_ms", create_ms},
                {"calibrate_again_ms", again_ms},
                {"params_again", params_json(again.value())},
                {"target_ms", storage::kKeyDerivationTarget.count()},
                {"params", params_json(params.value())},
                {"interactive", params_json(crypto::interactive_password_hash_params())},
                {"sqlite_bytes", file_size(kVaultFile)}});
}

EMSCRIPTEN_KEEPALIVE const char* vault_bench_make_draft(int fields) {
  Bench& b = bench();
  b.draft = make_draft(fields, b.typed_fields);
  b.typed = 0;
  b.draft_id.clear();
  std::size_t answered = 0;
  for (const auto& [id, value] : b.draft["answers"][kFormId].items()) {
    answered += value.is_array() ? value.size() * kTableColumns.size() : 1;
  }
  return reply({{"fields", answered},
                {"typed_fields", b.typed_fields.size()},
                {"bytes", b.draft.dump().size()},
                {"form", kFormId}});
}

EMSCRIPTEN_KEEPALIVE const char* vault_bench_save(int index) {
  Bench& b = bench();
  if (!b.vault) return fail("save", "no vault");
  if (b.typed_fields.empty()) return fail("save", "no draft");
  const std::string& field =
      b.typed_fields[static_cast<std::size_t>(index / kSavesPerField) % b.typed_fields.size()];
  json& answer = b.draft["answers"][kFormId][field];
  answer = answer.get<std::string>() + next_typed(b.typed);

  auto started = Clock::now();
  const std::string text = b.draft.dump();
  const double serialise_ms = ms_since(started);

  started = Clock::now();
  const storage::RecordLabel label{kDraftKind, b.draft_id, kFormId, kFormVersion};
  auto put = b.vault->put(label, crypto::as_bytes(text));
  if (!put) return fail("put", put.error());
  const double put_ms = ms_since(started);
  b.draft_id = put.value().label.id;

  const std::uint64_t ticket = platform::save_persistent_folder();
  if (ticket == 0) return fail("save_persistent_folder", "the folder is not ready");
  return reply({{"ticket", ticket},
                {"field", field},
                {"bytes", text.size()},
                {"serialise_ms", serialise_ms},
                {"put_ms", put_ms},
                {"sqlite_bytes", file_size(kVaultFile)}});
}

EMSCRIPTEN_KEEPALIVE double vault_bench_durable_ticket() {
  return static_cast<double>(platform::durable_save_ticket());
}

EMSCRIPTEN_KEEPALIVE const char* vault_bench_unlock(int runs) {
  Bench& b = bench();
  if (!b.vault || !b.store) return fail("unlock", "no vault");
  const std::string id = b.vault->id();
  json lock_ms = json::array(), unlock_ms = json::array(), get_ms = json::array();
  for (int run = 0; run < runs; ++run) {
    auto started = Clock::now();
    b.vault->lock();
    lock_ms.push_back(ms_since(started));

    started = Clock::now();
    auto vault = b.store->unlock(id, b.pin);
    if (!vault) return fail("unlock", vault.error());
    unlock_ms.push_back(ms_since(started));
    b.vault.emplace(std::move(vault).value());

    started = Clock::now();
    auto draft = b.vault->get(kDraftKind, b.draft_id);
    if (!draft) return fail("get", draft.error());
    get_ms.push_back(ms_since(started));
  }
  return reply({{"lock_ms", lock_ms}, {"unlock_ms", unlock_ms}, {"get_ms", get_ms}});
}

EMSCRIPTEN_KEEPALIVE const char* vault_bench_export() {
  Bench& b = bench();
  if (!b.vault) return fail("export", "no vault");
  const auto started = Clock::now();
  auto file = b.vault->export_file();
  if (!file) return fail("export_file", file.error());
  const double export_ms = ms_since(started);
  b.export_bytes = std::move(file.value().bytes);
  return reply({{"bytes", b.export_bytes.size()},
                {"record_count", file.value().record_count},
                {"left_out", file.value().left_out.size()},
                {"export_ms", export_ms},
                {"draft_bytes", b.draft.dump().size()},
                {"sqlite_bytes", file_size(kVaultFile)}});
}

// The bytes of the last export (vault_bench_export gives their number).
EMSCRIPTEN_KEEPALIVE const unsigned char* vault_bench_export_data() {
  return bench().export_bytes.data();
}

}  // extern "C"
