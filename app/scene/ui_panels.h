// The world-space UI panels of a session (Dear ImGui on quads): exercise, instruction and cue,
// counters, hold timer, alignment, calibration, pain check-ins, pause and stop, summary; placed
// for the starting position and used with a controller's pointer ray.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "app/scene/mirror_scene.h"
#include "app/session/guided_session.h"
#include "body/calibration.h"
#include "render/scene.h"

struct ImGuiContext;
struct ImDrawData;

namespace lumbo::app {

// Where the person looks at the panels from: eyes, the direction to look, and "up" in their view.
struct ViewerFrame {
  glm::vec3 eyeM{0.0f, 1.6f, 0.0f};
  glm::vec3 lookDirection{0.0f, 0.0f, -1.0f};
  glm::vec3 viewUp{0.0f, 1.0f, 0.0f};
  float panelDistanceM = 1.3f;
};

// Standing: ahead, down to chest height. Supine: straight above the face, text upright towards
// the crown. Four-point kneeling: ahead and low, above the floor. `anterior` and `superior` are
// the body's axes at neutral (Calibration::forward and ::superior).
ViewerFrame viewerFrameFor(NeutralPosition position, const glm::vec3& headM,
                           const glm::vec3& anterior, const glm::vec3& superior);
// The same, turned just far enough from `mirror` (glass and frame, as seen from the head) that
// the panels clear it: standing, to its left; supine, to the person's left; four-point kneeling,
// below it on the floor (nearer when the floor would cut the panel). The side view is on the
// mirror's other side.
ViewerFrame viewerFrameFor(NeutralPosition position, const glm::vec3& headM, const glm::vec3& anterior,
                           const glm::vec3& superior, const MirrorPlacement& mirror);
// With the calibration's own mirror (mirrorPlacementFor).
ViewerFrame viewerFrameFor(const Calibration& calibration);

// A controller's pointer this frame: a ray in world space and whether select is held.
struct PanelInput {
  glm::vec3 rayOrigin{0.0f};
  glm::vec3 rayDirection{0.0f, 0.0f, -1.0f};
  bool select = false;
  bool active = false;  // false: no pointer (controller not tracked)
  bool showRay = true;  // false: only the spot on the panel (head gaze, a fingertip)
};

enum class PanelId : std::uint8_t { Session, Controls };
inline constexpr std::size_t kPanelCount = 2;

struct PanelHit {
  PanelId panel = PanelId::Session;
  glm::vec2 canvasPx{0.0f};  // where on the ImGui canvas
  glm::vec3 pointM{0.0f};
  float distanceM = 0.0f;
};

struct UiPanelsOptions {
  // Wide enough for every instruction of an exercise, wrapped, with its live cue below them.
  float panelWidthM = 0.8f;
  // Text at least this tall, in degrees of visual angle, at the panel's distance: 1.5 deg reads
  // comfortably through headset lenses (a 1.3 m panel then needs 34 mm capitals-plus-descenders).
  double minTextDeg = 1.5;
  // A TTF font; when missing, ImGui's built-in font is scaled (blurrier).
  std::string fontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
};

class UiPanels {
 public:
  static constexpr std::uint32_t kCanvasPx = 1024;  // square canvas shared by the panels

  explicit UiPanels(const UiPanelsOptions& options = {});
  ~UiPanels();
  UiPanels(const UiPanels&) = delete;
  UiPanels& operator=(const UiPanels&) = delete;

  // Puts the panels in front of the viewer (call on calibration or when the position changes).
  void place(const ViewerFrame& viewer);

  // The nearest panel the ray hits, if any.
  std::optional<PanelHit> hitTest(const PanelInput& input) const;

  // One UI frame: pointer into ImGui, the windows built from the session's view (the panels keep
  // no state of the session's own), ImGui's draw data made. Returns the command the person's
  // press asks of the session, if any. Leaves this UI's ImGui context current (ImGuiCanvas needs
  // it when rendering).
  std::optional<SessionCommand> update(const SessionView& view, std::span<const ExerciseOutcome> outcomes,
                                       const PanelInput& input, double dtS);

  // Appends the panels' quads (showing `canvasTexture`, from StereoRenderer::addTexture) and, when
  // the pointer is active, its ray and the spot where it meets a panel.
  void appendToScene(render::Scene& scene, std::uint32_t canvasTexture) const;

  ImDrawData* drawData() const;      // of the last update
  ImGuiContext* context() const { return context_; }
  float fontPx() const { return fontPx_; }
  float pxPerM() const { return pxPerM_; }
  const render::TexturedQuad& quad(PanelId panel) const { return quads_[index(panel)]; }
  // Canvas rectangle (min x, min y, max x, max y) of the panel's window.
  glm::vec4 panelRectPx(PanelId panel) const { return rectsPx_[index(panel)]; }
  // Canvas y where the panel's content ended in the last update: below the rectangle's inner
  // bottom (its height less the window padding), something was cut off.
  float contentBottomPx(PanelId panel) const { return contentBottomPx_[index(panel)]; }
  // Canvas width the panel's text wraps at.
  float wrapWidthPx(PanelId panel) const;
  // World point of a canvas pixel on a panel (to aim scripted pointers).
  glm::vec3 canvasToWorld(PanelId panel, const glm::vec2& canvasPx) const;
  // Canvas rectangle of a button drawn in the last update, by its label ("Stop", "5").
  std::optional<glm::vec4> buttonRectPx(std::string_view label) const;
  // The label of the button drawn in the last update under a canvas pixel, if any.
  std::optional<std::string_view> buttonAt(const glm::vec2& canvasPx) const;

 private:
  static std::size_t index(PanelId panel) { return static_cast<std::size_t>(panel); }
  void buildSessionPanel(const SessionView& view, std::span<const ExerciseOutcome> outcomes);
  std::optional<SessionCommand> buildControlsPanel(const SessionView& view);
  bool button(const char* label, const glm::vec2& sizePx);

  UiPanelsOptions options_;
  ImGuiContext* context_ = nullptr;
  float pxPerM_ = 0.0f;
  float fontPx_ = 0.0f;
  std::array<glm::vec4, kPanelCount> rectsPx_{};
  std::array<float, kPanelCount> contentBottomPx_{};
  std::array<render::TexturedQuad, kPanelCount> quads_{};
  std::optional<PanelHit> hit_;
  PanelInput lastInput_;
  struct ButtonRect {
    const char* label;
    glm::vec4 rectPx;
  };
  std::vector<ButtonRect> buttons_;  // reused: labels are string literals
};

}  // namespace lumbo::app
