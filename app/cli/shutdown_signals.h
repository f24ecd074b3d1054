// Ctrl-C, a logout or a service manager's stop end a live session cleanly: while a
// ShutdownSignals lives, the first SIGINT, SIGTERM or SIGHUP is only remembered, for the frame
// loop to end the session as interrupted, save it and write its report; a second one exits at once.
#pragma once

#include <atomic>
#include <string>

namespace lumbo::app {

class ShutdownSignals {
 public:
  ShutdownSignals();   // installs the handlers
  ~ShutdownSignals();  // puts the previous ones back
  ShutdownSignals(const ShutdownSignals&) = delete;
  ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  // The first signal received, 0 while none: what the frame loop polls.
  static const std::atomic<int>& received();
  // The shell's convention for a process ended by `signal`: 128 + its number (130 for SIGINT,
  // 143 for SIGTERM).
  static int exitCode(int signal) { return 128 + signal; }
  static std::string name(int signal);
};

}  // namespace lumbo::app
