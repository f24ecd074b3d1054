// Streaming reader for lumbo-trace v1 files: one sample at a time, constant memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "body/trace.h"

namespace lumbo {

class TraceReader {
 public:
  // Opens the file and reads its metadata and header line.
  static Result<TraceReader> open(const std::filesystem::path& path);

  TraceReader(TraceReader&&) noexcept;
  TraceReader& operator=(TraceReader&&) noexcept;
  ~TraceReader();

  const TraceMetadata& metadata() const { return metadata_; }
  const TraceLayout& layout() const { return layout_; }
  const std::filesystem::path& path() const { return path_; }

  // Reads the next sample into `out` (reusing its storage). Returns false at the end of the file
  // or on an error; then error() tells which (empty at a clean end).
  bool next(TraceSample& out);
  const std::string& error() const { return error_; }

 private:
  // What a column of the file holds.
  struct Column {
    enum class Kind : unsigned char { Time, Pose, Valid, GroundTruth, Extra } kind;
    unsigned char device = 0;  // Pose, Valid
    std::uint32_t slot = 0;    // Pose: 0-2 px py pz, 3-6 qw qx qy qz; others: index in layout
  };

  TraceReader() = default;
  bool readLine(std::string_view& line);
  bool fail(std::size_t column, const std::string& what);
  Status parseHeader(std::string_view line);

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // unread data in buffer_ is [begin_, end_)
  std::size_t end_ = 0;
  bool eof_ = false;
  std::size_t lineNumber_ = 0;

  TraceMetadata metadata_;
  TraceLayout layout_;
  std::vector<Column> columns_;
  std::vector<std::string> columnNames_;
  double lastTimeS_ = 0.0;
  bool haveLastTime_ = false;
  std::string error_;
};

}  // namespace lumbo
