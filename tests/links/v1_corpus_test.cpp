// Every version-1 link keeps opening as the same playground: tests/links/v1_links.txt holds links
// (plain, z1, z2, whole URLs, a config text) with the full configuration the version-1 engine decoded
// them to. Each must decode to a version-2 config with task=playground whose every version-1 entry reads
// exactly as recorded, and to the same config as the recorded text itself.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "links/share_link.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

std::vector<std::string> SplitEntries(const std::string& text) {
  std::vector<std::string> entries;
  std::istringstream in(text);
  std::string entry;
  while (std::getline(in, entry, '&'))
    if (!entry.empty()) entries.push_back(entry);
  return entries;
}

}  // namespace

TEST_CASE("Every version-1 link in the corpus decodes to the configuration it did in version 1", "[config][v1]") {
  std::ifstream in(std::string(NETLAB_SOURCE_DIR) + "/tests/links/v1_links.txt");
  REQUIRE(in);
  std::string line, link;
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.rfind("link ", 0) == 0) {
      link = line.substr(5);
      for (char& ch : link)
        if (ch == '|') ch = '\n';
      continue;
    }
    if (line.rfind("text ", 0) != 0) continue;
    const std::string recorded = line.substr(5);
    INFO("link: " << link);
    Config decoded, from_text;
    std::string error;
    REQUIRE(DecodeShareLink(link, decoded, error));
    REQUIRE(DecodeShareLink(recorded, from_text, error));
    CHECK(decoded.task == "playground");
    CHECK(ConfigToText(decoded) == ConfigToText(from_text));
    // Each version-1 entry (all but the version number) is in today's text unchanged.
    const std::vector<std::string> now = SplitEntries(ConfigToText(decoded, '&'));
    const std::set<std::string> entries(now.begin(), now.end());
    for (const std::string& entry : SplitEntries(recorded)) {
      if (entry.rfind("version=", 0) == 0) continue;
      CHECK(entries.count(entry) == 1);
    }
    ++checked;
  }
  CHECK(checked == 32);  // 15 links, their 15 z2 forms and the two z1 links the share-link test carries
}
