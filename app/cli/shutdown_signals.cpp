// Signal handlers that turn the first shutdown signal into a flag and a second into an exit.
#include "app/cli/shutdown_signals.h"

#include <csignal>
#include <cstring>

#include <unistd.h>

namespace lumbo::app {

namespace {

std::atomic<int> g_received{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler may only touch a lock-free atomic");

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction g_previous[3];

extern "C" void onShutdownSignal(int signal) {
  // Only async-signal-safe work here. A second signal means "now": the person or the service
  // manager is not waiting for the report.
  if (g_received.exchange(signal) != 0) ::_exit(ShutdownSignals::exitCode(signal));
}

}  // namespace

ShutdownSignals::ShutdownSignals() {
  g_received.store(0);
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = onShutdownSignal;
  // One handler at a time in a thread: a second signal there waits for the first one's handler.
  sigemptyset(&action.sa_mask);
  for (int signal : kSignals) sigaddset(&action.sa_mask, signal);
  for (std::size_t i = 0; i < std::size(kSignals); ++i) ::sigaction(kSignals[i], &action, &g_previous[i]);
}

ShutdownSignals::~ShutdownSignals() {
  for (std::size_t i = 0; i < std::size(kSignals); ++i) ::sigaction(kSignals[i], &g_previous[i], nullptr);
}

const std::atomic<int>& ShutdownSignals::received() { return g_received; }

std::string ShutdownSignals::name(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "signal " + std::to_string(signal);
  }
}

}  // namespace lumbo::app
