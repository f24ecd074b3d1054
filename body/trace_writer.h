// Writer for lumbo-trace v1 files. Writes to a temporary file that replaces the target only on
// commit(), so an interrupted or failed write never leaves a half-written trace behind.
#pragma once

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "body/trace.h"

namespace lumbo {

struct TraceWriteOptions {
  // Digits after the decimal point; nullopt writes the shortest text that reads back exactly.
  std::optional<int> positionDecimals;
  std::optional<int> quaternionDecimals;
  std::optional<int> otherDecimals;
};

class TraceWriter {
 public:
  static Result<TraceWriter> open(const std::filesystem::path& path, const TraceLayout& layout,
                                  const TraceMetadata& metadata,
                                  const TraceWriteOptions& options = {});

  TraceWriter(TraceWriter&&) noexcept;
  TraceWriter& operator=(TraceWriter&&) noexcept;
  ~TraceWriter();  // discards the temporary file unless committed

  Status write(const TraceSample& sample);
  Status commit();

 private:
  TraceWriter() = default;
  void appendNumber(double value, const std::optional<int>& decimals);

  std::filesystem::path path_;
  std::filesystem::path tempPath_;
  std::FILE* file_ = nullptr;
  TraceLayout layout_;
  TraceWriteOptions options_;
  std::string line_;
  bool failed_ = false;
};

}  // namespace lumbo
