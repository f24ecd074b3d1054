// writePng through stb_image_write (Debian's libstb carries the implementation).
#include "render/png_writer.h"

#include <stb_image_write.h>

#include <stdexcept>

namespace lumbo::render {

void writePng(const std::string& path, uint32_t widthPx, uint32_t heightPx,
              std::span<const uint8_t> rgba) {
  if (rgba.size() != static_cast<size_t>(widthPx) * heightPx * 4) {
    throw std::invalid_argument("writePng " + path + ": pixel count does not match " +
                                std::to_string(widthPx) + "x" + std::to_string(heightPx));
  }
  const int strideBytes = static_cast<int>(widthPx * 4);
  if (stbi_write_png(path.c_str(), static_cast<int>(widthPx), static_cast<int>(heightPx), 4,
                     rgba.data(), strideBytes) == 0) {
    throw std::runtime_error("writePng: cannot write " + path);
  }
}

}  // namespace lumbo::render
