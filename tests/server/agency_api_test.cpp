// The citizen's status lookup and the agency API on the real server: the
// submission id as the lookup's capability; signed agency requests (missing,
// malformed, another agency's key, stale, replayed, signed for another
// target); each agency seeing only its own submissions, in cursor order,
// with the envelope exactly as sent (which its key opens); status posts and
// their checks, shown to the citizen.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api_test_support.h"
#include "crypto/signing.h"
#include "server_sandbox.h"
#include "wire/filing_payload.h"
#include "wire/receipt.h"

using namespace tokhai;
using namespace tokhai::server::testing;

namespace {

struct Filed {
  std::string envelope;
  std::string id;
  std::string dossier_code;
};

Filed file_one(httplib::Client& client, const SandboxKeys& keys, std::string_view form_id) {
  EnvelopeRecipe recipe;
  recipe.form_id = std::string(form_id);
  Filed filed;
  filed.envelope = make_envelope(keys, crypto::generate_signing_key_pair(), recipe);
  filed.id = envelope_id(filed.envelope);
  auto response = put_submission(client, filed.id, filed.envelope);
  REQUIRE(response);
  REQUIRE(response->status == 201);
  filed.dossier_code = wire::parse_receipt(crypto::as_bytes(response->body)).value().dossier_code;
  return filed;
}

httplib::Result agency_get(httplib::Client& client, const wire::AgencySecret& agency,
                           const std::string& target) {
  return client.Get(target, {{"Authorization", agency_authorization_now(agency, "GET", target)}});
}

httplib::Result agency_post_status(httplib::Client& client, const wire::AgencySecret& agency,
                                   const std::string& dossier_code, const std::string& body) {
  const std::string target = "/api/v1/agency/status/" + dossier_code;
  return client.Post(target,
                     {{"Authorization", agency_authorization_now(agency, "POST", target, body)}},
                     body, "application/json");
}

httplib::Result status_lookup(httplib::Client& client, const std::string& dossier_code,
                              const std::optional<std::string>& submission_id) {
  httplib::Headers headers;
  if (submission_id) headers.emplace("X-Tokhai-Submission", *submission_id);
  return client.Get("/api/v1/status/" + dossier_code, headers);
}

}  // namespace

TEST_CASE("the status lookup answers only with the dossier's submission id", "[db]") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const Filed filed = file_one(*client, sandbox.keys(), kUbndForm);
  const Filed other = file_one(*client, sandbox.keys(), kUbndForm);

  auto without = status_lookup(*client, filed.dossier_code, std::nullopt);
  REQUIRE(without);
  CHECK(without->status == 404);
  CHECK(error_code(without->body) == "not_found");
  auto wrong = status_lookup(*client, filed.dossier_code, other.id);
  REQUIRE(wrong);
  CHECK(wrong->status == 404);
  CHECK(wrong->body == without->body);  // the same answer as for a dossier that does not exist
  auto unknown = status_lookup(*client, "TK-261203-AAAA-AAAA", filed.id);
  REQUIRE(unknown);
  CHECK(unknown->status == 404);

  auto right = status_lookup(*client, filed.dossier_code, filed.id);
  REQUIRE(right);
  CHECK(right->status == 200);
  const auto json = nlohmann::json::parse(right->body);
  CHECK(json["dossier_code"] == filed.dossier_code);
  CHECK(json["status"] == "submitted");
  CHECK_FALSE(json.contains("message"));
  REQUIRE(json["history"].size() == 1);
  CHECK(json["history"][0]["at"] == json["updated_at"]);
}

TEST_CASE("agency requests must be signed by that agency, for this request, now, once", "[db]") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const auto& ubnd = sandbox.keys().ubnd();
  const auto& csgt = sandbox.keys().csgt();
  const std::string target = "/api/v1/agency/submissions?after=0&limit=10";

  auto refused = [&](const httplib::Headers& headers, const std::string& code) {
    auto response = client->Get(target, headers);
    REQUIRE(response);
    CHECK(response->status == 401);
    CHECK(response->get_header_value("WWW-Authenticate") == "Tokhai-Agency-1");
    CHECK(error_code(response->body) == code);
  };
  refused({}, "agency_auth.missing");
  refused({{"Authorization", "Bearer abc"}}, "agency_auth.malformed");
  refused({{"Authorization",
            wire::agency_authorization("ubnd-xa", unix_now(), csgt.signing, {"GET", target, ""})}},
          "agency_auth.bad_signature");
  refused({{"Authorization",
            wire::agency_authorization("khong-co", unix_now(), csgt.signing, {"GET", target, ""})}},
          "agency_auth.unknown_agency");
  refused({{"Authorization", agency_authorization_now(ubnd, "GET", target, "", unix_now() - 3600)}},
          "agency_auth.stale");
  refused({{"Authorization", agency_authorization_now(ubnd, "GET", "/api/v1/agency/submissions")}},
          "agency_auth.bad_signature");

  const std::string good = agency_authorization_now(ubnd, "GET", target);
  auto first = client->Get(target, {{"Authorization", good}});
  REQUIRE(first);
  CHECK(first->status == 200);
  refused({{"Authorization", good}}, "agency_auth.replayed");
}

TEST_CASE("an agency lists and fetches only its own submissions, by cursor, as they were sent",
          "[db]") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const auto& keys = sandbox.keys();
  const Filed first = file_one(*client, keys, kUbndForm);
  const Filed for_csgt = file_one(*client, keys, kCsgtForm);
  const Filed second = file_one(*client, keys, kUbndForm);

  auto listed = agency_get(*client, keys.ubnd(), "/api/v1/agency/submissions");
  REQUIRE(listed);
  REQUIRE(listed->status == 200);
  const auto page = nlohmann::json::parse(listed->body);
  REQUIRE(page["items"].size() == 2);
  CHECK(page["items"][0]["submission_id"] == first.id);
  CHECK(page["items"][0]["dossier_code"] == first.dossier_code);
  CHECK(page["items"][0]["envelope"] == first.envelope);
  CHECK(page["items"][1]["submission_id"] == second.id);
  CHECK(page["items"][0]["cursor"] < page["items"][1]["cursor"]);
  CHECK(page["next_cursor"] == page["items"][1]["cursor"]);

  // The agency's key opens what it pulled.
  auto envelope =
      wire::parse_envelope(crypto::as_bytes(page["items"][0]["envelope"].get<std::string>()));
  REQUIRE(envelope);
  auto opened = wire::open_envelope_payload(envelope.value(), keys.ubnd().box);
  REQUIRE(opened);
  auto answers = wire::decode_filing_payload(opened.value().view());
  REQUIRE(answers);
  CHECK(answers.value() == nlohmann::json{{"full_name", "Lê Thị Mai"}});

  const std::string after_first =
      "/api/v1/agency/submissions?after=" + page["items"][0]["cursor"].dump() + "&limit=1";
  auto rest = agency_get(*client, keys.ubnd(), after_first);
  REQUIRE(rest);
  const auto rest_page = nlohmann::json::parse(rest->body);
  REQUIRE(rest_page["items"].size() == 1);
  CHECK(rest_page["items"][0]["submission_id"] == second.id);
  const std::string after_all = "/api/v1/agency/submissions?after=" + page["next_cursor"].dump();
  auto none = agency_get(*client, keys.ubnd(), after_all);
  REQUIRE(none);
  CHECK(nlohmann::json::parse(none->body) ==
        nlohmann::json{{"items", nlohmann::json::array()}, {"next_cursor", page["next_cursor"]}});

  auto csgt_list = agency_get(*client, keys.csgt(), "/api/v1/agency/submissions");
  REQUIRE(csgt_list);
  const auto csgt_page = nlohmann::json::parse(csgt_list->body);
  REQUIRE(csgt_page["items"].size() == 1);
  CHECK(csgt_page["items"][0]["submission_id"] == for_csgt.id);

  for (const char* bad : {"?limit=0", "?limit=101", "?after=-1", "?after=x"}) {
    INFO(bad);
    auto response =
        agency_get(*client, keys.ubnd(), std::string("/api/v1/agency/submissions") + bad);
    REQUIRE(response);
    CHECK(response->status == 400);
    CHECK(error_code(response->body) == "agency.bad_query");
  }

  auto own = agency_get(*client, keys.ubnd(), "/api/v1/agency/submissions/" + first.id);
  REQUIRE(own);
  CHECK(own->status == 200);
  CHECK(nlohmann::json::parse(own->body)["envelope"] == first.envelope);
  auto not_own = agency_get(*client, keys.ubnd(), "/api/v1/agency/submissions/" + for_csgt.id);
  REQUIRE(not_own);
  CHECK(not_own->status == 404);
}

TEST_CASE("an agency posts statuses to its own dossiers; the citizen sees them", "[db]") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const auto& keys = sandbox.keys();
  const Filed filed = file_one(*client, keys, kUbndForm);

  auto post = [&](const wire::AgencySecret& agency, const std::string& body) {
    auto response = agency_post_status(*client, agency, filed.dossier_code, body);
    REQUIRE(response);
    return std::make_pair(response->status, response->body);
  };
  auto [no_message_status, no_message_body] =
      post(keys.ubnd(), R"({"status":"needs_information"})");
  CHECK(no_message_status == 400);
  CHECK(error_code(no_message_body) == "agency.message_required");
  CHECK(error_code(post(keys.ubnd(), R"({"status":"submitted"})").second) == "agency.bad_status");
  CHECK(error_code(post(keys.ubnd(), R"({"status":"received","extra":1})").second) ==
        "agency.bad_body");
  CHECK(error_code(post(keys.ubnd(), "[1]").second) == "agency.bad_body");
  const std::string long_message(2001, 'a');
  CHECK(error_code(post(keys.ubnd(),
                        nlohmann::json{{"status", "rejected"}, {"message", long_message}}.dump())
                       .second) == "agency.message_too_long");
  auto [other_status, other_body] = post(keys.csgt(), R"({"status":"received"})");
  CHECK(other_status == 404);  // not csgt's dossier

  CHECK(post(keys.ubnd(), R"({"status":"received"})").first == 200);
  auto [posted_status, posted_body] = post(
      keys.ubnd(), R"({"status":"needs_information","message":"Thiếu bản sao giấy chứng sinh."})");
  CHECK(posted_status == 200);
  const auto posted = nlohmann::json::parse(posted_body);
  CHECK(posted["dossier_code"] == filed.dossier_code);
  CHECK(posted["status"] == "needs_information");

  auto shown = status_lookup(*client, filed.dossier_code, filed.id);
  REQUIRE(shown);
  REQUIRE(shown->status == 200);
  const auto json = nlohmann::json::parse(shown->body);
  CHECK(json["status"] == "needs_information");
  CHECK(json["message"] == "Thiếu bản sao giấy chứng sinh.");
  REQUIRE(json["history"].size() == 3);
  CHECK(json["history"][0]["status"] == "submitted");
  CHECK(json["history"][1]["status"] == "received");
  CHECK_FALSE(json["history"][1].contains("message"));
  CHECK(json["history"][2]["message"] == "Thiếu bản sao giấy chứng sinh.");
}
