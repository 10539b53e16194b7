// Share links and their compression: exact round trips, compactness, and clean refusals of truncated,
// garbled and hostile links (bounded work, the old config kept).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <string>

#include "links/compressed_link.h"
#include "links/compression.h"
#include "links/deflate.h"
#include "core/rng.h"
#include "links/share_link.h"
#include "core/checksums.h"
#include "links/config_text.h"
#include "support/config_text.h"
#include "tasks/examples.h"

using namespace netlab;

namespace {

Config BusyConfig() {
  Config c;
  c.data.kind = "spiral";
  c.data.noise = 0.25f;
  c.features = {"x1", "x2", "sin_x1"};
  c.hidden.clear();
  for (int i = 0; i < 12; ++i) c.hidden.push_back({16, "relu"});
  c.hidden[3].norm = "batch";
  c.hidden[4].dropout = 0.125f;
  c.optimizer.kind = "adam";
  c.optimizer.learning_rate = 0.0123456789f;
  c.seed = 4242;
  return c;
}

}  // namespace

TEST_CASE("LZ compression round-trips arbitrary bytes exactly", "[share]") {
  Rng rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::string input;
    const int size = int(rng.Uniform() * 3000);
    // Few symbols make long repeats, many symbols make literal runs; both paths are exercised.
    const int symbols = 1 + int(rng.Uniform() * (trial % 2 ? 4 : 256));
    for (int i = 0; i < size; ++i) input += char(int(rng.Uniform() * symbols));
    std::string output, error;
    REQUIRE(LzDecompress(LzCompress(input), 1 << 20, output, error));
    REQUIRE(output == input);
  }
}

TEST_CASE("a run of one byte compresses to a few bytes per 130 (overlapping copies)", "[share]") {
  const std::string input(13000, 'a');
  const std::string packed = LzCompress(input);
  // One literal token + byte, then copies of at most 130 bytes at 3 bytes each.
  CHECK(packed.size() <= 2 + 3 * (13000 / 130 + 1));
  std::string output, error;
  REQUIRE(LzDecompress(packed, input.size(), output, error));
  CHECK(output == input);
  CHECK_FALSE(LzDecompress(packed, input.size() - 1, output, error));
  CHECK(error.find("more than") != std::string::npos);
}

TEST_CASE("base64url matches RFC 4648 test vectors and rejects impossible lengths", "[share]") {
  // RFC 4648 section 10 vectors, without padding.
  const char* vectors[][2] = {{"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"},
                              {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
  for (auto& v : vectors) {
    CHECK(Base64UrlEncode(v[0]) == v[1]);
    std::string back;
    REQUIRE(Base64UrlDecode(v[1], back));
    CHECK(back == v[0]);
  }
  CHECK(Base64UrlEncode("\xfb\xff") == "-_8");  // the two URL-safe symbols
  std::string bytes;
  CHECK_FALSE(Base64UrlDecode("Zm9vY", bytes));  // 1 mod 4 characters
  CHECK_FALSE(Base64UrlDecode("Zm9=", bytes));
  CHECK_FALSE(Base64UrlDecode("Zh", bytes));  // nonzero padding bits
}

TEST_CASE("a share link restores the exact config, plain and compressed", "[share]") {
  Config small;
  small.data.kind = "xor";
  small.seed = 9;
  for (const Config& c : {Config(), small, BusyConfig()}) {
    const std::string link = EncodeShareLink(c);
    Config back;
    back.data.kind = "circle";
    std::string error;
    REQUIRE(DecodeShareLink("https://example.org/netlab/?embed=1#" + link, back, error));
    CHECK(ConfigToText(back) == ConfigToText(c));
    CHECK(back.optimizer.learning_rate == c.optimizer.learning_rate);
  }
  // Plain: the check entry (length and CRC-32 of the rest), then the keys that differ from the defaults,
  // written as version 2 since tasks came.
  char plain[80];
  std::snprintf(plain, sizeof plain, "check=%zu.%08x&version=3&dataset=xor&seed=9",
                std::strlen("version=3&dataset=xor&seed=9"), unsigned(Crc32("version=3&dataset=xor&seed=9")));
  CHECK(EncodeShareLink(small) == plain);
  const std::string busy = EncodeShareLink(BusyConfig());
  CHECK(busy.rfind(kDeflateLinkPrefix, 0) == 0);
  CHECK(busy.size() < CompactConfigText(BusyConfig()).size());
  for (char ch : busy) CHECK(std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.").find(ch) != std::string::npos);
}

TEST_CASE("a link saved in a text file and a commented config file both load", "[share]") {
  Config c;
  std::string error;
  REQUIRE(DecodeShareLink("https://example.org/#dataset=xor&seed=5\n", c, error));
  CHECK(c.data.kind == "xor");
  CHECK(c.seed == 5);
  REQUIRE(DecodeShareLink("# my demo\ndataset=spiral\n# seed=3\n", c, error));
  CHECK(c.data.kind == "spiral");
  CHECK(c.seed == Config().seed);
}

TEST_CASE("a newer config version's unknown keys are ignored with a notice", "[share]") {
  std::vector<std::string> notices;
  const Config c = Opened("#version=7&dataset=xor&attention_heads=4", &notices);
  CHECK(c.data.kind == "xor");
  CHECK(c.version == kConfigVersion);
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].find("attention_heads") != std::string::npos);
  CHECK(notices[0].find("newer config version 7") != std::string::npos);
  CHECK(ConfigToText(c).rfind("version=3\n", 0) == 0);  // written first, as the current version
}

TEST_CASE("truncated, garbled and hostile links are refused and leave the config unchanged", "[share]") {
  const std::string good = EncodeShareLink(BusyConfig());
  // A bomb: a 3-byte seed then copies that would expand to far more than the 64 KB text limit.
  std::string bomb = std::string(1, '\x02') + "a=b";
  for (int i = 0; i < 4000; ++i) bomb += "\xff\x01\x00";
  std::string deep = "layers=";
  for (int i = 0; i < 5000; ++i) deep += "1:relu,";
  const std::string hostile[] = {
      good.substr(0, good.size() / 2),                      // truncated compressed link
      std::string(kLzLinkPrefix) + "@@@@",           // not base64url
      std::string(kLzLinkPrefix) + Base64UrlEncode(bomb),
      std::string(kLzLinkPrefix) + Base64UrlEncode("\x85\x10\x00"),  // copy before the start
      "layers=1000000000:relu",                             // 10^9 units
      deep,                                                 // thousands of layers
      "learning_rate=NaN",                                  "learning_rate=%4",  // cut-off escape
      "samples=1e99",                                       "dataset=%00circle",
      std::string(kMaxLinkBytes + 1, 'a'),
  };
  for (const std::string& link : hostile) {
    INFO(link.substr(0, 80));
    Config c;
    c.data.kind = "spiral";
    std::string error;
    CHECK_FALSE(DecodeShareLink("#" + link, c, error));
    CHECK_FALSE(error.empty());
    CHECK(c.data.kind == "spiral");
  }
}

// Links made by the z1 encoder before z2 existed (netlab --print-link of the configs beside them);
// they must keep opening forever.
TEST_CASE("z1 links made before z2 still open to the configs they were made from", "[share]") {
  struct Fixture {
    const char* link;
    const char* plain;  // the config the link was printed from, as a plain link
  };
  const Fixture fixtures[] = {
      {"z1.G3ZlcnNpb249MSZkYXRhc2V0PXNwaXJhbCZsYXmAGwALPTE2OnJlbHU6Ym4sngsADTg6dGFuaCZzZWVkPTQy",
       "dataset=spiral&layers=16:relu:bn,16:relu:bn,16:relu:bn,16:relu:bn,8:tanh&seed=42"},
      {"z1.K3ZlcnNpb249MSZkYXRhc2V0PXNwaXJhbCZmZWF0dXJlcz14MSx4MixzaW5fgAoAggcABDImbGF5gDgACz0xNjpyZWx1OmJuLMkLACsmb3B0aW1pemVyPWFkYW13JmxlYXJuaW5nX3JhdGU9MC4wMDMmc2VlZD0xMQ",
       "dataset=spiral&features=x1,x2,sin_x1,sin_x2&layers=16:relu:bn,16:relu:bn,16:relu:bn,16:relu:bn,16:relu:bn,"
       "16:relu:bn,16:relu:bn,16:relu:bn&optimizer=adamw&learning_rate=0.003&seed=11"},
  };
  for (const Fixture& fixture : fixtures) {
    Config from_link, from_plain;
    std::string error;
    REQUIRE(DecodeShareLink(std::string("https://example.org/netlab/#") + fixture.link, from_link, error));
    REQUIRE(DecodeShareLink(fixture.plain, from_plain, error));
    CHECK(ConfigToText(from_link) == ConfigToText(from_plain));
  }
  // The first ends in a literal run "...8:tanh&seed=42" (14 bytes, about 19 base64 characters): a cut
  // anywhere inside it, "seed=42" -> "seed=4" included, is refused as cut off.
  const std::string seed42 = fixtures[0].link;
  for (size_t cut = 1; cut <= 18; ++cut) {
    Config c;
    std::string error;
    INFO(cut);
    CHECK_FALSE(DecodeShareLink(seed42.substr(0, seed42.size() - cut), c, error));
    CHECK(error.find("cut off") != std::string::npos);
  }
}

TEST_CASE("z2 links are raw DEFLATE with the text's length and CRC-32, and any cut or change is refused", "[share]") {
  const std::string link = EncodeShareLink(BusyConfig());
  const std::string text = CompactConfigText(BusyConfig());
  // The header is readable: z2.<length>.<crc32 in hex>.
  char header[64];
  std::snprintf(header, sizeof header, "z2.%zu.%08x.", text.size(), unsigned(Crc32(text)));
  REQUIRE(link.rfind(header, 0) == 0);
  std::string payload;
  REQUIRE(Base64UrlDecode(link.substr(std::strlen(header)), payload));
  std::string inflated, error;
  REQUIRE(InflateRaw(payload, 1 << 16, inflated, error));
  CHECK(inflated == text);

  for (size_t cut = 1; cut < link.size(); ++cut) {
    Config c;
    INFO(link.substr(0, link.size() - cut));
    CHECK_FALSE(DecodeShareLink(link.substr(0, link.size() - cut), c, error));
  }
  // Changing any one character fails a check, or (only in the last character's unused padding bits
  // or a dropped trailing bit) leaves the text, and so the config, exactly as it was.
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (size_t i = 3; i < link.size(); ++i) {
    std::string changed = link;
    changed[i] = alphabet[(alphabet.find(link[i]) + 1) % alphabet.size()];
    Config c;
    if (DecodeShareLink(changed, c, error)) CHECK(ConfigToText(c) == ConfigToText(BusyConfig()));
  }
  // A header that lies: shorter than the text (the inflater stops there), or over the 64 KB limit.
  const std::string rest = link.substr(link.find('.', 3));
  Config c;
  CHECK_FALSE(DecodeShareLink("z2." + std::to_string(text.size() - 1) + rest, c, error));
  CHECK_FALSE(DecodeShareLink("z2.9999999" + rest, c, error));
  CHECK(error.find("over the limit") != std::string::npos);
  CHECK_FALSE(DecodeShareLink("z2." + link.substr(link.rfind('.') + 1), c, error));  // no length, no CRC
}

TEST_CASE("a plain link cut at any entry boundary or inside its check, or edited, is refused", "[share]") {
  Config c;
  c.data.kind = "xor";
  c.seed = 42;
  c.hidden = {{8, "relu"}, {3, "tanh"}};
  const std::string link = EncodeShareLink(c);
  REQUIRE(link.rfind("check=", 0) == 0);  // plain: shorter than its z2 form
  REQUIRE(link.size() >= 2 + link.find("seed=42"));
  Config back;
  std::string error;
  REQUIRE(DecodeShareLink(link, back, error));
  CHECK(ConfigToText(back) == ConfigToText(c));
  // Every proper prefix: at each '&' (a whole entry dropped), inside each entry ("seed=42" -> "seed=4"),
  // and inside the check entry itself.
  for (size_t keep = 1; keep < link.size(); ++keep) {
    const std::string cut = link.substr(0, keep);
    INFO(cut);
    Config opened;
    opened.data.kind = "spiral";
    std::string why;
    CHECK_FALSE(DecodeShareLink("https://example.org/netlab/#" + cut, opened, why));
    CHECK(why.find("cut off") != std::string::npos);
    CHECK(opened.data.kind == "spiral");  // the config in use is kept
  }
  // An edit that keeps the length (seed 42 -> 43) fails the CRC, and the message says how to edit by hand.
  std::string edited = link;
  edited.replace(edited.find("seed=42"), 7, "seed=43");
  CHECK_FALSE(DecodeShareLink(edited, back, error));
  CHECK(error.find("delete the 'check=...&' entry") != std::string::npos);
  // Without the check entry (a link written by hand, or before the entry existed) it opens as always.
  Config by_hand;
  REQUIRE(DecodeShareLink(edited.substr(edited.find('&') + 1), by_hand, error));
  CHECK(by_hand.seed == 43);
  CHECK(by_hand.data.kind == "xor");
}

TEST_CASE("a version-3 link starts from its task's example; version-2 links keep their meaning", "[share]") {
  // Version 3: "task=vae" alone is the VAE example (examples/configs/vae-digits.cfg), and a compact link
  // holds only what differs from it.
  Config vae;
  std::string error;
  REQUIRE(DecodeShareLink("task=vae", vae, error));
  Config example;
  REQUIRE(ParseConfig(ExampleConfigText("vae-digits"), example, error));
  CHECK(ConfigToText(vae) == ConfigToText(example));
  vae.optimizer.learning_rate = 0.01f;
  CHECK(CompactConfigText(vae) == "version=3&task=vae&learning_rate=0.01");
  Config back;
  REQUIRE(DecodeShareLink(EncodeShareLink(vae), back, error));
  CHECK(ConfigToText(back) == ConfigToText(vae));
  // Version 2 (links shared before): keys left out took Config()'s values, and still do; the task's own
  // first view and loss as version 2 gave them.
  Config old;
  REQUIRE(ParseConfig("version=2&task=classify&dataset=digits&layers=16:relu", old, error));
  const Config plain;
  CHECK(old.optimizer.learning_rate == plain.optimizer.learning_rate);
  CHECK(old.batch_size == plain.batch_size);
  CHECK(old.seed == plain.seed);
  CHECK(old.initializer == plain.initializer);
  CHECK(old.loss == "softmax_ce");
  CHECK(old.view == "training");
  CHECK(old.version == kConfigVersion);  // and written back as version 3, every key spelt out
  Config again;
  REQUIRE(DecodeShareLink(EncodeShareLink(old), again, error));
  CHECK(ConfigToText(again) == ConfigToText(old));
}
