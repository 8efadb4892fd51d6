// FakeRandomSource: a RandomSource test double that draws what the test
// chose: always the smallest value, always the largest, or a fixed fraction
// of the range; it remembers the bounds it was asked for.
#pragma once

#include <cstdint>
#include <vector>

#include "sync/random_source.h"

namespace tokhai::sync::testing {

class FakeRandomSource final : public RandomSource {
 public:
  enum class Draw { smallest, largest, half };
  Draw draw = Draw::largest;
  std::vector<std::uint32_t> bounds_asked;

  std::uint32_t below(std::uint32_t upper_bound) override {
    bounds_asked.push_back(upper_bound);
    if (upper_bound < 2) return 0;
    switch (draw) {
      case Draw::smallest:
        return 0;
      case Draw::largest:
        return upper_bound - 1;
      case Draw::half:
        return upper_bound / 2;
    }
    return 0;
  }
};

}  // namespace tokhai::sync::testing
