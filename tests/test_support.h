// Helpers shared by the test suites: temporary folders and files, paths to bundled data, and
// running a command as a person would in a shell.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace lumbo::test {

// A fresh folder under the system temp folder, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("lumbo-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::filesystem::path path_;
};

inline std::filesystem::path testData(const std::string& name) {
  return std::filesystem::path(LUMBO_TEST_DATA_DIR) / name;
}

// What a command printed and how it exited (-1: it did not exit normally).
struct CommandRun {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs `command` through the shell and reads its standard output. Its standard error goes to
// `errFile` and is read back into `err`; without one it joins the output.
inline CommandRun runShell(const std::string& command, const std::filesystem::path& errFile = {}) {
  CommandRun r;
  const std::string full = command + (errFile.empty() ? " 2>&1" : " 2>'" + errFile.string() + "'");
  FILE* p = ::popen(full.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (!errFile.empty()) {
    std::ifstream e(errFile);
    std::stringstream ss;
    ss << e.rdbuf();
    r.err = ss.str();
  }
  return r;
}

}  // namespace lumbo::test
