// Writes lumbo-trace v1 files through a temporary file renamed into place on commit.
#include "body/trace_writer.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <system_error>
#include <utility>

namespace lumbo {

TraceWriter::TraceWriter(TraceWriter&& o) noexcept { *this = std::move(o); }

TraceWriter& TraceWriter::operator=(TraceWriter&& o) noexcept {
  if (this != &o) {
    path_ = std::move(o.path_);
    tempPath_ = std::move(o.tempPath_);
    file_ = std::exchange(o.file_, nullptr);
    layout_ = std::move(o.layout_);
    options_ = o.options_;
    line_ = std::move(o.line_);
    failed_ = o.failed_;
  }
  return *this;
}

TraceWriter::~TraceWriter() {
  if (file_) {
    std::fclose(file_);
    std::error_code ec;
    std::filesystem::remove(tempPath_, ec);
  }
}

Result<TraceWriter> TraceWriter::open(const std::filesystem::path& path, const TraceLayout& layout,
                                      const TraceMetadata& metadata,
                                      const TraceWriteOptions& options) {
  TraceWriter w;
  w.path_ = path;
  w.tempPath_ = path;
  w.tempPath_ += ".partial";
  w.layout_ = layout;
  w.options_ = options;
  w.file_ = std::fopen(w.tempPath_.c_str(), "wb");
  if (!w.file_) return Error{w.tempPath_.string() + ": cannot create: " + std::strerror(errno)};

  std::string head(kTraceMagic);
  head += '\n';
  for (const auto& [key, value] : metadata.entries()) {
    head += "# " + key + ": " + value + "\n";
  }
  head += "t_s";
  for (Device d : kAllDevices) {
    if (!layout.devices.test(index(d))) continue;
    const std::string name(deviceName(d));
    for (const char* s : {"_px", "_py", "_pz", "_qw", "_qx", "_qy", "_qz"}) head += "," + name + s;
    if (layout.validColumns.test(index(d))) head += "," + name + "_valid";
  }
  for (const auto& g : layout.groundTruth) head += "," + g;
  for (const auto& e : layout.extra) head += "," + e;
  head += '\n';
  if (std::fwrite(head.data(), 1, head.size(), w.file_) != head.size()) {
    return Error{w.tempPath_.string() + ": write failed: " + std::strerror(errno)};
  }
  return w;
}

void TraceWriter::appendNumber(double value, const std::optional<int>& decimals) {
  char buf[64];
  std::to_chars_result r;
  if (decimals) {
    r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, *decimals);
  } else {
    r = std::to_chars(buf, buf + sizeof buf, value);
  }
  line_.append(buf, r.ptr);
}

Status TraceWriter::write(const TraceSample& sample) {
  if (!file_) return Error{path_.string() + ": writer is closed"};
  if (sample.groundTruth.size() != layout_.groundTruth.size() ||
      sample.extra.size() != layout_.extra.size()) {
    return Error{path_.string() + ": sample does not match the trace layout"};
  }
  line_.clear();
  appendNumber(sample.frame.timeS, options_.otherDecimals);
  for (Device d : kAllDevices) {
    if (!layout_.devices.test(index(d))) continue;
    const DeviceState& s = sample.frame[d];
    if (s.valid) {
      const Pose& p = s.pose;
      for (double v : {p.positionM.x, p.positionM.y, p.positionM.z}) {
        line_ += ',';
        appendNumber(v, options_.positionDecimals);
      }
      for (double v : {p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z}) {
        line_ += ',';
        appendNumber(v, options_.quaternionDecimals);
      }
    } else {
      line_ += ",,,,,,,";
    }
    if (layout_.validColumns.test(index(d))) line_ += s.valid ? ",1" : ",0";
  }
  for (double g : sample.groundTruth) {
    line_ += ',';
    if (!std::isnan(g)) appendNumber(g, options_.otherDecimals);
  }
  for (const std::string& e : sample.extra) {
    line_ += ',';
    line_ += e;
  }
  line_ += '\n';
  if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) {
    failed_ = true;
    return Error{tempPath_.string() + ": write failed: " + std::strerror(errno)};
  }
  return Done{};
}

Status TraceWriter::commit() {
  if (!file_) return Error{path_.string() + ": writer is closed"};
  const bool flushed = std::fflush(file_) == 0 && !failed_;
  std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  if (!flushed) {
    std::filesystem::remove(tempPath_, ec);
    return Error{tempPath_.string() + ": write failed"};
  }
  std::filesystem::rename(tempPath_, path_, ec);
  if (ec) {
    std::filesystem::remove(tempPath_, ec);
    return Error{path_.string() + ": cannot move the finished trace into place: " + ec.message()};
  }
  return Done{};
}

}  // namespace lumbo
