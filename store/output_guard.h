// Before a command writes a file: the output must not be one of the command's inputs (the same
// file by device and inode, whatever name or link reaches it) nor a Lumbo store, and an existing
// output is replaced only when the person asked for it (--force). One wrong argument must never
// destroy a recording or a patient's database.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "body/result.h"

namespace lumbo::store {

struct OutputCheck {
  std::span<const std::filesystem::path> inputs;  // files the command reads
  bool force = false;                             // replacing an existing output is allowed
};

// Ok when `out` may be written. The error names the output and why ("is the input recording
// r.csv", "is a Lumbo session store", "exists: give --force to replace it").
Status checkOutput(const std::filesystem::path& out, const OutputCheck& check);

// The same for a folder of outputs (a report): `marker` is the file whose presence means the
// folder already holds one (e.g. report.html).
Status checkOutputFolder(const std::filesystem::path& dir, std::string_view marker, const OutputCheck& check);

// Person ids become file names: letters, digits, '-', '_' and '.', not starting with '.', at
// most 64 characters. The error says which rule the id breaks.
Status checkPersonId(std::string_view id);

}  // namespace lumbo::store
