#include "links/share_link.h"

#include <set>

#include "links/compressed_link.h"
#include "links/link_check.h"
#include "links/percent_encoding.h"
#include "links/tf_playground_link.h"
#include "tfplayground/link.h"
#include "core/text_lines.h"
#include "links/config_text.h"

namespace netlab {
namespace {

std::vector<std::string> Lines(const std::string& text) { return SplitText(text); }

// A Netlab fragment, plain or compressed (never a TF Playground link): decompression or %-decoding, the
// link check, then the config parser. Nothing here leads back into DecodeShareLink.
bool DecodeNetlabFragment(const std::string& fragment, Config& out, std::string& error,
                          std::vector<std::string>* notices) {
  if (fragment.size() > kMaxLinkBytes) {
    error = "The link is too long (over " + std::to_string(kMaxLinkBytes / 1024) + " KB).";
    return false;
  }
  std::string config_text;
  if (IsCompressedLink(fragment)) {
    if (!DecompressLinkText(fragment, kMaxConfigTextBytes, config_text, error)) return false;
  } else if (!PercentDecode(fragment, config_text)) {
    error = "The link has a broken %-escape (it may have been cut off).";
    return false;
  } else if (!VerifyLinkCheck(config_text, error)) {
    return false;
  }
  return ParseConfig(config_text, out, error, notices);
}

}  // namespace

std::string CompactConfigText(const Config& config) {
  // Only the `key=value` lines that differ from the task's defaults (its example config: what a reader
  // of this version starts from), the version (line 0) and the task (unless it is Config()'s, which a
  // link without one opens) are kept. They are matched as whole
  // lines, not by position: keys left out while empty (points, the lessons' keys) shift the positions of
  // the keys after them.
  const std::vector<std::string> lines = Lines(ConfigToText(config)),
                                 default_lines = Lines(ConfigToText(TaskDefaults(config.task)));
  const std::set<std::string> defaults(default_lines.begin(), default_lines.end());
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i)
    if (i == 0 || defaults.count(lines[i]) == 0 || (lines[i].rfind("task=", 0) == 0 && config.task != Config().task))
      text += (text.empty() ? "" : "&") + lines[i];
  return text;
}

std::string EncodeShareLink(const Config& config) {
  // In faithful mode the link stays the TF Playground link, which reopens the same experiment.
  if (config.tf_playground) {
    // Netlab's course keys ride along (TF Playground ignores them); hide only for what _hide keys lack.
    std::string fragment = tfplayground::TfPlaygroundFragment(*config.tf_playground);
    const bool hide_from_link = config.course.hidden == NetlabEquivalent(*config.tf_playground).course.hidden;
    for (const std::string& line : Lines(ConfigToText(config))) {
      const std::string key = line.substr(0, line.find('='));
      if (line.size() == key.size() + 1 || (key == "hide" && hide_from_link)) continue;
      if (key == "hide" || key == "lock" || key.rfind("goal_", 0) == 0) fragment += "&" + PercentEncode(line);
    }
    return fragment;
  }
  const std::string plain = CompactConfigText(config);
  const std::string encoded = PercentEncode(WithLinkCheck(plain));
  const std::string compressed = CompressLinkText(plain);
  return compressed.size() < encoded.size() ? compressed : encoded;
}

bool DecodeShareLink(const std::string& text, Config& out, std::string& error, std::vector<std::string>* notices) {
  // A link pasted into a file may end with a line break; a line break inside means a config file
  // (whose '#' lines are comments), not a link.
  const size_t end = text.find_last_not_of(" \t\r\n");
  const std::string link = end == std::string::npos ? "" : text.substr(0, end + 1);
  if (link.find('\n') != std::string::npos) return ParseConfig(text, out, error, notices);
  if (IsTfPlaygroundLink(link)) return DecodeTfPlaygroundLink(link, out, error, notices);
  const size_t hash = link.find('#');
  return DecodeNetlabFragment(hash == std::string::npos ? link : link.substr(hash + 1), out, error, notices);
}

}  // namespace netlab
