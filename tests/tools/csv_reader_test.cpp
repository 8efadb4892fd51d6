// The CSV reader on the shapes the official tables use: quoted cells with
// commas, doubled quotes and line breaks, CRLF, a byte-order mark; and the
// malformed quoting it refuses.
#include "tools/data/csv_reader.h"

#include <catch2/catch.hpp>

using tokhai::tools::read_csv;

namespace {

std::vector<std::vector<std::string>> fields_of(std::string_view text) {
  auto records = read_csv(text);
  REQUIRE(records.ok());
  std::vector<std::vector<std::string>> fields;
  for (const auto& record : records.value()) fields.push_back(record.fields);
  return fields;
}

}  // namespace

TEST_CASE("plain and quoted cells, commas and quotes inside quotes") {
  using Rows = std::vector<std::vector<std::string>>;
  CHECK(fields_of("a,b,c\n1,,3\n") == Rows{{"a", "b", "c"}, {"1", "", "3"}});
  CHECK(fields_of("\"Tỉnh, thành phố\",Tên Xã mới,\n") ==
        Rows{{"Tỉnh, thành phố", "Tên Xã mới", ""}});
  CHECK(fields_of(R"("say ""xã""",x)") == Rows{{"say \"xã\"", "x"}});
  CHECK(fields_of("\"\"") == Rows{{""}});
}

TEST_CASE("a quoted cell may span lines; records know their first line") {
  const auto records = read_csv("head\n\"Phường Long Phước\n\",26857\nlast,row");
  REQUIRE(records.ok());
  REQUIRE(records.value().size() == 3);
  CHECK(records.value()[1].fields == std::vector<std::string>{"Phường Long Phước\n", "26857"});
  CHECK(records.value()[1].line == 2);
  CHECK(records.value()[2].line == 4);
}

TEST_CASE("CRLF line ends, a byte-order mark and a missing final line break") {
  using Rows = std::vector<std::vector<std::string>>;
  CHECK(fields_of("\xEF\xBB\xBF"
                  "a,b\r\n\"c\r\nd\",e\r\n") == Rows{{"a", "b"}, {"c\r\nd", "e"}});
  CHECK(fields_of("a\n\nb") == Rows{{"a"}, {""}, {"b"}});
  CHECK(fields_of("").empty());
}

TEST_CASE("malformed quoting is an error naming the line") {
  for (const char* text : {"a,b\"c\n", "\"open,\nnever closed", "\"closed\"x,y\n"}) {
    const auto records = read_csv(text);
    REQUIRE_FALSE(records.ok());
    CHECK(records.error().code == "csv.quote");
    CHECK(records.error().where.starts_with("line "));
  }
  CHECK(read_csv("ok\n\"open\nline 2").error().where == "line 2");
}
