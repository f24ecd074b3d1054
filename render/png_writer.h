// Writes RGBA8 pixels to a PNG file (frame capture, test artefacts, screenshots).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace lumbo::render {

// Rows top first, 4 bytes per pixel. Throws std::runtime_error naming the path on failure.
void writePng(const std::string& path, uint32_t widthPx, uint32_t heightPx,
              std::span<const uint8_t> rgba);

}  // namespace lumbo::render
