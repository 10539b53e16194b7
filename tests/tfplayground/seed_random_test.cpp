// TF Playground's random stream: seedrandom 2.4.4 (ARC4) seeded by the seed text, bit for bit.
#include <catch2/catch.hpp>

#include "tfplayground/seed_random.h"

using netlab::tfplayground::SeedRandom;

TEST_CASE("seedrandom's published first value for 'hello.'", "[tfplayground]") {
  SeedRandom random("hello.");
  // seedrandom's README: Math.seedrandom('hello.'); Math.random() is "Always 0.9282578795792454".
  REQUIRE(random.Next() == 0.9282578795792454);
  // npm seedrandom 2.4.4, seedrandom('hello.')() twice (tests/tfplayground/reference.mjs uses that package).
  REQUIRE(random.Next() == 0.3752569768646784);
}

TEST_CASE("a TF Playground seed is mixed as text, not as a number", "[tfplayground]") {
  // npm seedrandom 2.4.4: seedrandom('0.26916')() three times.
  SeedRandom random("0.26916");
  REQUIRE(random.Next() == 0.7927336881365301);
  REQUIRE(random.Next() == 0.9475233440750983);
  REQUIRE(random.Next() == 0.91260307501936);
  // npm seedrandom 2.4.4: seedrandom('')(): an empty key is the key [0].
  REQUIRE(SeedRandom("").Next() == 0.23144008215179881);
}

TEST_CASE("the stream stays in [0, 1) and uses all of it", "[tfplayground]") {
  SeedRandom random("0.5");
  double low = 1, high = 0, sum = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double v = random.Next();
    REQUIRE(v >= 0);
    REQUIRE(v < 1);
    low = std::min(low, v), high = std::max(high, v), sum += v;
  }
  REQUIRE(low < 0.001);
  REQUIRE(high > 0.999);
  REQUIRE(sum / n == Approx(0.5).margin(0.01));  // 5 sigma of a uniform mean over 20000 draws is 0.01
}
