// Fees are data with an "as of" date: the shipped table loads, every amount has
// a legal basis, and a malformed table is refused.
#include "core/fee_table.h"

#include <catch2/catch.hpp>

#include "core/text_file.h"

using tokhai::core::FeeTable;

TEST_CASE("the shipped fee table loads with its as-of date") {
  const auto text = tokhai::core::read_text_file("forms/data/fees.json");
  REQUIRE(text.has_value());
  auto table = FeeTable::parse(*text);
  REQUIRE(table.ok());
  CHECK_FALSE(table.value().as_of().empty());
  REQUIRE_FALSE(table.value().items().empty());
  const auto* birth = table.value().find("ho-tich.khai-sinh.dung-han");
  REQUIRE(birth != nullptr);
  CHECK(birth->amount_vnd == 0);  // on-time birth registration is free (Luật Hộ tịch, Art. 11)
  for (const auto& item : table.value().items()) {
    INFO(item.code);
    CHECK_FALSE(item.legal_basis.empty());
  }
}

TEST_CASE("a fee table without an as-of date or with a bad item is refused") {
  CHECK(FeeTable::parse(R"({"format": "tokhai-fees/1", "items": []})").error().code ==
        "fees.format");
  const auto bad = FeeTable::parse(
      R"({"format": "tokhai-fees/1", "as_of": "2026-01-01", "items": [
        {"code": "a", "name": {"vi": "A"}, "amount_vnd": -5, "legal_basis": "X"}]})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "fees.item");
  CHECK(bad.error().where == "fees.json: a");
  const auto ok = FeeTable::parse(
      R"({"format": "tokhai-fees/1", "as_of": "2026-01-01", "items": [
        {"code": "cu-tru.thuong-tru", "name": {"vi": "Đăng ký thường trú"}, "amount_vnd": 20000,
         "online_amount_vnd": 10000, "legal_basis": "Thông tư 75/2022/TT-BTC"}]})");
  REQUIRE(ok.ok());
  CHECK(ok.value().find("cu-tru.thuong-tru")->online_amount_vnd == 10000);
}

TEST_CASE("members of the wrong JSON type are refused, not thrown") {
  CHECK(FeeTable::parse(R"({"format": 1, "as_of": "2026-01-01", "items": []})").error().code ==
        "fees.format");
  CHECK(FeeTable::parse(R"({"format": "tokhai-fees/1", "as_of": "2026-01-01", "items": [
          {"code": 7, "name": {"vi": "A"}, "amount_vnd": 1, "legal_basis": "X"}]})")
            .error()
            .code == "fees.item");
  CHECK(FeeTable::parse(R"({"format": "tokhai-fees/1", "as_of": "2026-01-01", "items": [
          {"code": "a", "name": {"vi": "A", "en": 2}, "amount_vnd": 1, "legal_basis": "X"}]})")
            .error()
            .code == "fees.item");
}
