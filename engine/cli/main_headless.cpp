// netlab-headless: the command line without a window system (engine/cli/command_line.h). It builds from
// the engine alone: no GLFW, GL or ImGui, so scripts, CI and the CLI tests need no display.
#include <cstdio>

#include "cli/command_line.h"

int main(int argc, char** argv) {
  netlab::CommandLine line;
  int status = 0;
  if (netlab::HandledWithoutWindow(argc, argv, line, status)) return status;
  std::fprintf(stderr,
               "netlab-headless: nothing to do without a window: give --headless, --print-link, --export-onnx or "
               "--predict (the desktop app, build/netlab, opens the window)\n");
  return 2;
}
