// Streaming parser for lumbo-trace v1. It reads the file in large blocks and parses numbers with
// std::from_chars, which keeps it well above disk speed without holding the file in memory.
#include "body/trace_reader.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_set>
#include <utility>

namespace lumbo {

namespace {

constexpr std::size_t kBlockBytes = 1 << 20;
// Recorded quaternions carry a few decimals; anything further from unit length is corrupt data,
// not rounding.
constexpr double kUnitQuaternionTolerance = 1e-3;

constexpr std::string_view kPoseSuffixes[7] = {"_px", "_py", "_pz", "_qw", "_qx", "_qy", "_qz"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Parses a whole cell as a number. Leading '+' is accepted as spreadsheets write it.
bool parseNumber(std::string_view cell, double& out) {
  if (!cell.empty() && cell.front() == '+') cell.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), out);
  return ec == std::errc() && ptr == cell.data() + cell.size() && std::isfinite(out);
}

}  // namespace

TraceReader::TraceReader(TraceReader&& o) noexcept { *this = std::move(o); }

TraceReader& TraceReader::operator=(TraceReader&& o) noexcept {
  if (this != &o) {
    if (file_) std::fclose(file_);
    path_ = std::move(o.path_);
    file_ = std::exchange(o.file_, nullptr);
    buffer_ = std::move(o.buffer_);
    begin_ = o.begin_;
    end_ = o.end_;
    eof_ = o.eof_;
    lineNumber_ = o.lineNumber_;
    metadata_ = std::move(o.metadata_);
    layout_ = std::move(o.layout_);
    columns_ = std::move(o.columns_);
    columnNames_ = std::move(o.columnNames_);
    lastTimeS_ = o.lastTimeS_;
    haveLastTime_ = o.haveLastTime_;
    error_ = std::move(o.error_);
  }
  return *this;
}

TraceReader::~TraceReader() {
  if (file_) std::fclose(file_);
}

bool TraceReader::readLine(std::string_view& line) {
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const void* nl = std::memchr(start, '\n', end_ - begin_);
    if (nl) {
      const std::size_t len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
      line = std::string_view(start, len);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      begin_ += len + 1;
      ++lineNumber_;
      return true;
    }
    if (eof_) {
      if (begin_ == end_) return false;
      line = std::string_view(start, end_ - begin_);  // last line without a newline
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      begin_ = end_;
      ++lineNumber_;
      return true;
    }
    // Keep the partial line, refill behind it; grow when one line exceeds the block.
    std::memmove(buffer_.data(), start, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    if (buffer_.size() - end_ < kBlockBytes / 2) buffer_.resize(buffer_.size() * 2);
    const std::size_t n = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
    end_ += n;
    if (n == 0) eof_ = true;
  }
}

bool TraceReader::fail(std::size_t column, const std::string& what) {
  error_ = path_.string() + ":" + std::to_string(lineNumber_);
  if (column < columnNames_.size()) {
    error_ += ": column " + std::to_string(column + 1) + " '" + columnNames_[column] + "'";
  }
  error_ += ": " + what;
  return false;
}

Result<TraceReader> TraceReader::open(const std::filesystem::path& path) {
  TraceReader r;
  r.path_ = path;
  r.file_ = std::fopen(path.c_str(), "rb");
  if (!r.file_) {
    return Error{path.string() + ": cannot open: " + std::strerror(errno)};
  }
  r.buffer_.resize(kBlockBytes);

  std::string_view line;
  if (!r.readLine(line)) return Error{path.string() + ":1: empty file, expected '# lumbo-trace v1'"};
  const std::string_view first = trim(line);
  if (first != kTraceMagic) {
    if (first.rfind("# lumbo-trace", 0) == 0) {
      return Error{path.string() + ":1: unknown trace version '" + std::string(first.substr(2)) +
                   "', this reader understands lumbo-trace v1"};
    }
    return Error{path.string() + ":1: not a lumbo trace: the first line must be '# lumbo-trace v1'"};
  }
  for (;;) {
    if (!r.readLine(line)) return Error{path.string() + ":" + std::to_string(r.lineNumber_ + 1) +
                                        ": no header line (expected 't_s,...')"};
    const std::string_view t = trim(line);
    if (t.empty()) continue;
    if (t.front() == '#') {
      const std::string_view body = trim(t.substr(1));
      const std::size_t colon = body.find(':');
      if (colon != std::string_view::npos && colon > 0 &&
          body.substr(0, colon).find(' ') == std::string_view::npos) {
        r.metadata_.set(std::string(body.substr(0, colon)), std::string(trim(body.substr(colon + 1))));
      }
      continue;
    }
    if (auto st = r.parseHeader(t); !st) return Error{st.error()};
    break;
  }
  return r;
}

Status TraceReader::parseHeader(std::string_view line) {
  auto headerError = [&](const std::string& what) {
    return Error{path_.string() + ":" + std::to_string(lineNumber_) + ": header: " + what};
  };
  while (true) {
    const std::size_t comma = line.find(',');
    columnNames_.emplace_back(trim(line.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    line.remove_prefix(comma + 1);
  }
  if (columnNames_.empty() || columnNames_[0] != "t_s") {
    return headerError("the first column must be 't_s', found '" + columnNames_[0] + "'");
  }
  std::array<std::array<int, 7>, kDeviceCount> seen{};
  for (auto& d : seen) d.fill(-1);
  columns_.resize(columnNames_.size());
  columns_[0] = Column{Column::Kind::Time, 0, 0};
  std::unordered_set<std::string_view> names{columnNames_[0]};
  for (std::size_t i = 1; i < columnNames_.size(); ++i) {
    const std::string& name = columnNames_[i];
    if (!names.insert(name).second) return headerError("column '" + name + "' appears twice");
    if (name.rfind("gt_", 0) == 0) {
      columns_[i] = Column{Column::Kind::GroundTruth, 0,
                           static_cast<std::uint32_t>(layout_.groundTruth.size())};
      layout_.groundTruth.push_back(name);
      continue;
    }
    bool matched = false;
    const std::size_t underscore = name.rfind('_');
    if (underscore != std::string::npos) {
      const auto device = deviceFromName(std::string_view(name).substr(0, underscore));
      const std::string_view suffix = std::string_view(name).substr(underscore);
      if (device) {
        const auto d = static_cast<unsigned char>(index(*device));
        if (suffix == "_valid") {
          columns_[i] = Column{Column::Kind::Valid, d, 0};
          layout_.validColumns.set(d);
          matched = true;
        }
        for (unsigned char k = 0; k < 7 && !matched; ++k) {
          if (suffix == kPoseSuffixes[k]) {
            columns_[i] = Column{Column::Kind::Pose, d, k};
            seen[d][k] = static_cast<int>(i);
            matched = true;
          }
        }
      }
    }
    if (!matched) {
      columns_[i] = Column{Column::Kind::Extra, 0, static_cast<std::uint32_t>(layout_.extra.size())};
      layout_.extra.push_back(name);
    }
  }
  for (Device dev : kAllDevices) {
    const auto& cols = seen[index(dev)];
    int present = 0;
    for (int c : cols) present += c >= 0 ? 1 : 0;
    if (present == 0) {
      if (layout_.validColumns.test(index(dev))) {
        return headerError("'" + std::string(deviceName(dev)) + "_valid' without pose columns");
      }
      continue;
    }
    if (present != 7) {
      for (std::size_t k = 0; k < 7; ++k) {
        if (cols[k] < 0) {
          return headerError("device '" + std::string(deviceName(dev)) + "' lacks column '" +
                             std::string(deviceName(dev)) + std::string(kPoseSuffixes[k]) + "'");
        }
      }
    }
    layout_.devices.set(index(dev));
  }
  return Done{};
}

bool TraceReader::next(TraceSample& out) {
  if (!error_.empty() || !file_) return false;
  std::string_view line;
  for (;;) {
    if (!readLine(line)) return false;
    if (line.empty() || line.front() == '#') continue;  // comments may follow the header
    break;
  }
  out.groundTruth.resize(layout_.groundTruth.size());
  out.extra.resize(layout_.extra.size());
  // Raw pose cells per device; NaN marks an empty cell.
  std::array<std::array<double, 7>, kDeviceCount> raw;
  std::array<double, kDeviceCount> validCell;
  validCell.fill(1.0);

  std::size_t col = 0;
  const char* p = line.data();
  const char* const lineEnd = line.data() + line.size();
  double timeS = 0.0;
  for (;;) {
    const char* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(lineEnd - p)));
    const char* cellEnd = comma ? comma : lineEnd;
    if (col >= columns_.size()) {
      std::size_t found = col + 1;
      for (const char* q = cellEnd; q < lineEnd; ++q) found += *q == ',' ? 1 : 0;
      return fail(columns_.size(), "expected " + std::to_string(columns_.size()) +
                                       " columns, found " + std::to_string(found));
    }
    const std::string_view cell = trim(std::string_view(p, static_cast<std::size_t>(cellEnd - p)));
    const Column& c = columns_[col];
    if (c.kind == Column::Kind::Extra) {
      out.extra[c.slot].assign(cell);
    } else {
      double value = std::numeric_limits<double>::quiet_NaN();
      if (!cell.empty() && !parseNumber(cell, value)) {
        return fail(col, "bad number '" + std::string(cell) + "'");
      }
      switch (c.kind) {
        case Column::Kind::Time:
          if (cell.empty()) return fail(col, "missing time");
          timeS = value;
          break;
        case Column::Kind::Pose:
          raw[c.device][c.slot] = value;
          break;
        case Column::Kind::Valid:
          if (!cell.empty() && value != 0.0 && value != 1.0) {
            return fail(col, "valid flag must be 0 or 1, found '" + std::string(cell) + "'");
          }
          validCell[c.device] = cell.empty() ? 1.0 : value;
          break;
        case Column::Kind::GroundTruth:
          out.groundTruth[c.slot] = value;
          break;
        case Column::Kind::Extra:
          break;
      }
    }
    ++col;
    if (!comma) break;
    p = comma + 1;
  }
  if (col != columns_.size()) {
    return fail(columns_.size(), "expected " + std::to_string(columns_.size()) + " columns, found " +
                                     std::to_string(col));
  }
  if (haveLastTime_ && !(timeS > lastTimeS_)) {
    return fail(0, "time " + std::string(trim(line.substr(0, line.find(',')))) +
                       " s is not after the previous sample's");
  }
  lastTimeS_ = timeS;
  haveLastTime_ = true;
  out.frame.timeS = timeS;

  for (Device dev : kAllDevices) {
    const std::size_t d = index(dev);
    DeviceState& state = out.frame.devices[d];
    state.estimated = false;
    if (!layout_.devices.test(d)) {
      state = DeviceState{};
      continue;
    }
    const auto& v = raw[d];
    bool complete = validCell[d] != 0.0;
    for (double x : v) complete = complete && !std::isnan(x);
    if (!complete) {
      state.valid = false;
      state.pose = Pose{};
      continue;
    }
    const glm::dquat q(v[3], v[4], v[5], v[6]);
    const double norm = std::sqrt(glm::dot(q, q));
    if (std::abs(norm - 1.0) > kUnitQuaternionTolerance) {
      std::size_t qwColumn = 0;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i].kind == Column::Kind::Pose && columns_[i].device == d && columns_[i].slot == 3) qwColumn = i;
      }
      return fail(qwColumn, "quaternion of '" + std::string(deviceName(dev)) + "' is not unit length (norm " +
                                std::to_string(norm) + ")");
    }
    state.pose.positionM = glm::dvec3(v[0], v[1], v[2]);
    state.pose.orientation = q / norm;
    state.valid = true;
  }
  return true;
}

}  // namespace lumbo
