// UiPanels: panel placement, pointer ray hits, the ImGui windows of each stage of a session.
#include "app/scene/ui_panels.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <glm/geometric.hpp>

#include "app/scene/odi_questionnaire.h"
#include "body/pose.h"

namespace lumbo::app {

namespace {

constexpr float kPi = 3.14159265f;
constexpr float kPanelGapPx = 16.0f;
constexpr float kFarthestPanelM = 1.3f;  // standing: the text is sized for this distance
// The session panel holds an exercise's name, all its instructions, counters and the live cue;
// the controls panel (two rows of pain buttons at most) takes the rest.
constexpr float kSessionPanelHeightPx = 760.0f;

const char* const kPainLabels[11] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};

// High contrast on a dark, opaque ground: light text reads best in a headset's optics.
const ImVec4 kWindowBg{0.07f, 0.08f, 0.10f, 1.0f};
const ImVec4 kText{0.96f, 0.96f, 0.96f, 1.0f};
const ImVec4 kTitle{0.55f, 0.85f, 0.95f, 1.0f};
const ImVec4 kGood{0.30f, 0.85f, 0.80f, 1.0f};
const ImVec4 kWarn{1.00f, 0.75f, 0.20f, 1.0f};
const ImVec4 kButton{0.10f, 0.42f, 0.48f, 1.0f};
const ImVec4 kButtonHovered{0.16f, 0.58f, 0.64f, 1.0f};
const ImVec4 kButtonActive{0.22f, 0.70f, 0.76f, 1.0f};

glm::vec3 orthogonalUp(const glm::vec3& look, const glm::vec3& preferredUp) {
  glm::vec3 up = preferredUp - glm::dot(preferredUp, look) * look;
  if (glm::length(up) < 1e-4f) up = glm::vec3(0.0f, 0.0f, -1.0f) - look.z * look;
  return glm::normalize(up);
}

}  // namespace

ViewerFrame viewerFrameFor(NeutralPosition position, const glm::vec3& headM,
                           const glm::vec3& anterior, const glm::vec3& superior) {
  const glm::vec3 up(0.0f, 1.0f, 0.0f);
  ViewerFrame viewer;
  viewer.eyeM = headM;
  switch (position) {
    case NeutralPosition::Standing: {
      // To the left of the mirror (about 35 degrees) and a little down, at chest height: the
      // mirror ahead and the side view on its right stay clear. Sitting calibrates as standing,
      // and the same angles from lower eyes hold for it.
      const glm::vec3 forward = horizontal(anterior, {0.0f, 0.0f, -1.0f});
      const glm::vec3 right = glm::cross(forward, up);
      viewer.lookDirection = glm::normalize(forward - 0.22f * up - 0.72f * right);
      viewer.viewUp = up;
      viewer.panelDistanceM = 1.3f;
      break;
    }
    case NeutralPosition::Supine: {
      // Up and about 40 degrees to the person's left, text upright towards the crown: a
      // turn of the eyes and head from the overhead mirror, whose side view is on the right.
      const glm::vec3 crownward = horizontal(superior, {0.0f, 0.0f, -1.0f});
      const glm::vec3 right = glm::cross(up, crownward);  // the person's right, lying face up
      viewer.lookDirection = glm::normalize(up - 0.86f * right + 0.12f * crownward);
      viewer.viewUp = crownward;
      viewer.panelDistanceM = 1.2f;
      break;
    }
    case NeutralPosition::FourPointKneeling: {
      // On hands and knees the eyes rest on the floor ahead: the panel lies there, about 47
      // degrees down and 0.7 m off, below the low mirror and clear of the floor.
      const glm::vec3 crownward = horizontal(superior, {0.0f, 0.0f, -1.0f});
      viewer.lookDirection = glm::normalize(crownward - 1.07f * up);
      viewer.viewUp = up;
      viewer.panelDistanceM = 0.72f;
      break;
    }
  }
  return viewer;
}

ViewerFrame viewerFrameFor(NeutralPosition position, const glm::vec3& headM, const glm::vec3& anterior,
                           const glm::vec3& superior, const MirrorPlacement& mirror) {
  ViewerFrame viewer = viewerFrameFor(position, headM, anterior, superior);
  const glm::vec3 up(0.0f, 1.0f, 0.0f);
  // The line of sight turns from `base` towards `away` until the canvas's near edge passes the
  // mirror's farthest corner towards `away`, then tilts a little along `tilt`.
  glm::vec3 base = up;
  glm::vec3 away(0.0f);
  glm::vec3 tilt(0.0f);
  float tiltRad = 0.0f;
  switch (position) {
    case NeutralPosition::Standing: {
      base = horizontal(anterior, {0.0f, 0.0f, -1.0f});
      away = -glm::cross(base, up);  // the person's left
      tilt = -up;                    // chest height
      tiltRad = 10.0f * kPi / 180.0f;
      break;
    }
    case NeutralPosition::Supine: {
      const glm::vec3 crownward = horizontal(superior, {0.0f, 0.0f, -1.0f});
      base = up;
      away = -glm::cross(up, crownward);  // the person's left, lying face up
      break;
    }
    case NeutralPosition::FourPointKneeling:
      base = horizontal(superior, {0.0f, 0.0f, -1.0f});
      away = -up;  // down, to the floor
      break;
  }
  constexpr float kFrameMarginM = 0.06f;  // the frame's bars and a little air
  constexpr float kMarginRad = 4.0f * kPi / 180.0f;  // with the corners' perspective
  const glm::vec3 across = glm::normalize(glm::cross(mirror.up, mirror.normal));
  float mirrorRad = -0.5f * kPi;
  for (float s : {-1.0f, 1.0f}) {
    for (float t : {-1.0f, 1.0f}) {
      const glm::vec3 corner = mirror.centreM + s * (0.5f * mirror.sizeM.x + kFrameMarginM) * across +
                               t * (0.5f * mirror.sizeM.y + kFrameMarginM) * mirror.up - headM;
      mirrorRad = std::max(mirrorRad, std::atan2(glm::dot(corner, away), glm::dot(corner, base)));
    }
  }
  // The canvas subtends the same angle at every distance (place() scales it).
  const float halfCanvasRad = std::atan(0.5f * UiPanelsOptions{}.panelWidthM / kFarthestPanelM);
  const float turnRad = std::max(0.0f, mirrorRad) + kMarginRad + halfCanvasRad;
  viewer.lookDirection = glm::normalize(std::cos(turnRad) * base + std::sin(turnRad) * away + std::tan(tiltRad) * tilt);
  if (position == NeutralPosition::FourPointKneeling) {
    // Nearer when the floor would cut the canvas's lower edge (5 cm above it at the least).
    const float down = std::sin(turnRad) + std::tan(halfCanvasRad) * std::cos(turnRad);
    viewer.panelDistanceM = std::clamp((headM.y - 0.05f) / std::max(down, 0.1f), 0.3f, viewer.panelDistanceM);
  }
  return viewer;
}

ViewerFrame viewerFrameFor(const Calibration& calibration) {
  const glm::vec3 headM(calibration.neutralPositionM[index(Device::Head)]);
  return viewerFrameFor(calibration.position, headM, glm::vec3(calibration.forward()),
                        glm::vec3(calibration.superior()), mirrorPlacementFor(calibration));
}

UiPanels::UiPanels(const UiPanelsOptions& options) : options_(options) {
  pxPerM_ = static_cast<float>(kCanvasPx) / options_.panelWidthM;
  // Sized for the farthest placement (standing, 1.3 m); nearer ones are scaled to the same angle.
  fontPx_ = static_cast<float>(
      std::ceil(std::tan(options_.minTextDeg * kPi / 180.0) * kFarthestPanelM * pxPerM_));

  const float canvas = static_cast<float>(kCanvasPx);
  rectsPx_[index(PanelId::Session)] = {0.0f, 0.0f, canvas, kSessionPanelHeightPx};
  rectsPx_[index(PanelId::Controls)] = {0.0f, kSessionPanelHeightPx + kPanelGapPx, canvas, canvas};

  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // panel layout is ours, nothing to remember between runs
  io.LogFilename = nullptr;
  io.DisplaySize = ImVec2(canvas, canvas);
  if (!options_.fontPath.empty() && std::filesystem::exists(options_.fontPath)) {
    io.Fonts->AddFontFromFileTTF(options_.fontPath.c_str(), fontPx_);
  } else {
    ImFontConfig config;
    config.SizePixels = fontPx_;
    io.Fonts->AddFontDefault(&config);
  }
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas NewFrame needs

  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsDark(&style);
  style.WindowPadding = ImVec2(24.0f, 18.0f);
  style.FramePadding = ImVec2(14.0f, 8.0f);
  style.ItemSpacing = ImVec2(14.0f, 10.0f);
  style.WindowRounding = 14.0f;
  style.FrameRounding = 8.0f;
  style.WindowBorderSize = 0.0f;
  style.Colors[ImGuiCol_WindowBg] = kWindowBg;
  style.Colors[ImGuiCol_Text] = kText;
  style.Colors[ImGuiCol_Button] = kButton;
  style.Colors[ImGuiCol_ButtonHovered] = kButtonHovered;
  style.Colors[ImGuiCol_ButtonActive] = kButtonActive;
  style.Colors[ImGuiCol_PlotHistogram] = kGood;
  buttons_.reserve(16);
  place(ViewerFrame{});
}

UiPanels::~UiPanels() { ImGui::DestroyContext(context_); }

void UiPanels::place(const ViewerFrame& viewer) {
  const glm::vec3 look = glm::normalize(viewer.lookDirection);
  const glm::vec3 up = orthogonalUp(look, viewer.viewUp);
  const glm::vec3 right = glm::normalize(glm::cross(look, up));
  const float canvas = static_cast<float>(kCanvasPx);
  // Nearer placements are made smaller in proportion: the text keeps the angle it has at the
  // farthest one, and the panels cover no more of the view.
  const float pxPerM = pxPerM_ * kFarthestPanelM / std::min(viewer.panelDistanceM, kFarthestPanelM);
  // The canvas centre sits on the line of sight; each panel is its rectangle of the canvas.
  const glm::vec3 canvasCentreM = viewer.eyeM + viewer.panelDistanceM * look;
  for (std::size_t i = 0; i < kPanelCount; ++i) {
    const glm::vec4 r = rectsPx_[i];
    const glm::vec2 centrePx(0.5f * (r.x + r.z), 0.5f * (r.y + r.w));
    render::TexturedQuad& q = quads_[i];
    q.centreM = canvasCentreM + (centrePx.x - 0.5f * canvas) / pxPerM * right -
                (centrePx.y - 0.5f * canvas) / pxPerM * up;
    q.halfWidthM = 0.5f * (r.z - r.x) / pxPerM * right;
    q.halfHeightM = 0.5f * (r.w - r.y) / pxPerM * up;
    q.uvRect = r / canvas;
    q.tintRgba = glm::vec4(1.0f);
  }
}

std::optional<PanelHit> UiPanels::hitTest(const PanelInput& input) const {
  if (!input.active || glm::length(input.rayDirection) < 1e-6f) return std::nullopt;
  const glm::vec3 d = glm::normalize(input.rayDirection);
  std::optional<PanelHit> best;
  for (std::size_t i = 0; i < kPanelCount; ++i) {
    const render::TexturedQuad& q = quads_[i];
    const glm::vec3 normal = glm::normalize(glm::cross(q.halfWidthM, q.halfHeightM));
    const float facing = glm::dot(d, normal);
    if (std::abs(facing) < 1e-6f) continue;
    const float t = glm::dot(q.centreM - input.rayOrigin, normal) / facing;
    if (t <= 0.0f || (best && t >= best->distanceM)) continue;
    const glm::vec3 p = input.rayOrigin + t * d;
    const float s = glm::dot(p - q.centreM, q.halfWidthM) / glm::dot(q.halfWidthM, q.halfWidthM);
    const float r = glm::dot(p - q.centreM, q.halfHeightM) / glm::dot(q.halfHeightM, q.halfHeightM);
    if (std::abs(s) > 1.0f || std::abs(r) > 1.0f) continue;
    const glm::vec4 rect = rectsPx_[i];
    const glm::vec2 px(rect.x + (0.5f + 0.5f * s) * (rect.z - rect.x),
                       rect.y + (0.5f - 0.5f * r) * (rect.w - rect.y));
    best = PanelHit{static_cast<PanelId>(i), px, p, t};
  }
  return best;
}

glm::vec3 UiPanels::canvasToWorld(PanelId panel, const glm::vec2& canvasPx) const {
  const glm::vec4 rect = rectsPx_[index(panel)];
  const render::TexturedQuad& q = quads_[index(panel)];
  const float s = 2.0f * (canvasPx.x - rect.x) / (rect.z - rect.x) - 1.0f;
  const float r = 1.0f - 2.0f * (canvasPx.y - rect.y) / (rect.w - rect.y);
  return q.centreM + s * q.halfWidthM + r * q.halfHeightM;
}

std::optional<glm::vec4> UiPanels::buttonRectPx(std::string_view label) const {
  for (const ButtonRect& b : buttons_) {
    if (label == b.label) return b.rectPx;
  }
  return std::nullopt;
}

std::optional<std::string_view> UiPanels::buttonAt(const glm::vec2& canvasPx) const {
  for (const ButtonRect& b : buttons_) {
    if (canvasPx.x >= b.rectPx.x && canvasPx.x <= b.rectPx.z && canvasPx.y >= b.rectPx.y && canvasPx.y <= b.rectPx.w) {
      return std::string_view(b.label);
    }
  }
  return std::nullopt;
}

bool UiPanels::button(const char* label, const glm::vec2& sizePx) {
  const bool pressed = ImGui::Button(label, ImVec2(sizePx.x, sizePx.y));
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  buttons_.push_back({label, {min.x, min.y, max.x, max.y}});
  return pressed;
}

std::optional<SessionCommand> UiPanels::update(const SessionView& view, std::span<const ExerciseOutcome> outcomes,
                                               const PanelInput& input, double dtS) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = static_cast<float>(std::max(dtS, 1e-4));
  io.DisplaySize = ImVec2(static_cast<float>(kCanvasPx), static_cast<float>(kCanvasPx));
  hit_ = hitTest(input);
  lastInput_ = input;
  io.MousePos = hit_ ? ImVec2(hit_->canvasPx.x, hit_->canvasPx.y) : ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = input.active && input.select;

  buttons_.clear();
  ImGui::NewFrame();
  buildSessionPanel(view, outcomes);
  const std::optional<SessionCommand> command = buildControlsPanel(view);
  ImGui::Render();
  return command;
}

ImDrawData* UiPanels::drawData() const {
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(context_);
  ImDrawData* data = ImGui::GetDrawData();
  ImGui::SetCurrentContext(previous);
  return data;
}

namespace {

void beginPanel(const char* name, const glm::vec4& rectPx) {
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoFocusOnAppearing;
  ImGui::SetNextWindowPos(ImVec2(rectPx.x, rectPx.y));
  ImGui::SetNextWindowSize(ImVec2(rectPx.z - rectPx.x, rectPx.w - rectPx.y));
  ImGui::Begin(name, nullptr, kFlags);
}

void textWrapped(const ImVec4& colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

// Where the content ended: the bottom of the last line (ImGui's cursor stands one item spacing
// below it).
float contentBottom() { return ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y; }

}  // namespace

float UiPanels::wrapWidthPx(PanelId panel) const {
  const glm::vec4 r = rectsPx_[index(panel)];
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(context_);
  const float width = r.z - r.x - 2.0f * ImGui::GetStyle().WindowPadding.x;
  ImGui::SetCurrentContext(previous);
  return width;
}

void UiPanels::buildSessionPanel(const SessionView& view, std::span<const ExerciseOutcome> outcomes) {
  beginPanel("session", rectsPx_[index(PanelId::Session)]);
  char line[160];
  switch (view.stage) {
    case SessionStage::Odi: {
      const OdiSection& section = kOdiQuestionnaire[std::min(view.odiSection, kOdiSections - 1)];
      std::snprintf(line, sizeof line, "%zu/%zu  %s", view.odiSection + 1, kOdiSections, section.topic);
      ImGui::TextColored(kTitle, "%s", line);
      for (std::size_t score = 0; score < section.answers.size(); ++score) {
        ImGui::Text("%zu  %s", score, section.answers[score]);
      }
      break;
    }
    case SessionStage::PainBefore:
      ImGui::TextColored(kTitle, "Before we start");
      ImGui::TextWrapped("%s", view.instruction.c_str());
      break;
    case SessionStage::Calibrating:
    case SessionStage::Exercising:
      if (view.paused) {
        ImGui::TextColored(kWarn, "Paused");
        ImGui::TextWrapped("Press Resume when you are ready.");
      } else if (view.stage == SessionStage::Calibrating) {
        ImGui::TextColored(kTitle, "Calibration");
        ImGui::TextWrapped("%s", view.instruction.c_str());
        ImGui::ProgressBar(static_cast<float>(std::clamp(view.calibrationProgress, 0.0, 1.0)),
                           ImVec2(-1.0f, 0.0f), "");
        if (!view.calibrationProblem.empty()) textWrapped(kWarn, view.calibrationProblem);
      } else if (view.exercise != nullptr) {
        const Exercise& e = view.exercise->exercise;
        textWrapped(kTitle, e.name);
        // Every step, numbered and wrapped: the person reads them all while they move.
        for (std::size_t i = 0; i < e.instructions.size(); ++i) {
          textWrapped(kText, std::to_string(i + 1) + ". " + e.instructions[i]);
        }
        if (e.instructions.empty()) textWrapped(kText, view.instruction);
        const Feedback& f = view.feedback;
        const int perSet = std::max(1, view.exercise->level >= 1 &&
                                               view.exercise->level <= static_cast<int>(e.levels.size())
                                           ? e.levels[static_cast<std::size_t>(view.exercise->level - 1)].repetitions
                                           : view.targetRepetitions);
        const int sets = std::max(1, view.targetRepetitions / perSet);
        std::snprintf(line, sizeof line, "Rep %d of %d   Set %d of %d", f.repetitions,
                      view.targetRepetitions, f.set, sets);
        if (f.holdS > 0.0) {
          const std::size_t at = std::strlen(line);
          std::snprintf(line + at, sizeof line - at, "   Hold %.1f s", f.holdS);
        }
        textWrapped(kText, line);
        // The live cue, wrapped: never cut at the panel's edge.
        if (f.paused) {
          textWrapped(kWarn, "Tracking lost: not counting");
        } else if (f.outOfBand) {
          textWrapped(kWarn, f.cue != nullptr ? *f.cue : std::string("Check your alignment"));
        } else if (!view.positionProblem.empty()) {
          textWrapped(kWarn, view.instruction);
        } else {
          textWrapped(kGood, "Alignment good");
        }
        // Alignment as a bar: full in band, empty at 10 units (degrees, mostly) beyond it.
        const float alignment = f.outOfBand ? static_cast<float>(std::clamp(1.0 - f.excess / 10.0, 0.0, 1.0)) : 1.0f;
        ImGui::ProgressBar(alignment, ImVec2(-1.0f, 0.0f), "");
      }
      if (!view.recordingProblem.empty()) textWrapped(kWarn, view.recordingProblem);
      if (!view.message.empty()) ImGui::TextWrapped("Therapist: %s", view.message.c_str());
      break;
    case SessionStage::PainAfter:
      ImGui::TextColored(kTitle, "Session finished");
      ImGui::TextWrapped("%s", view.instruction.c_str());
      break;
    case SessionStage::Summary:
    case SessionStage::Finished: {
      ImGui::TextColored(kTitle, "Summary");
      for (const ExerciseOutcome& o : outcomes) {
        double qualitySum = 0.0;
        int scored = 0;
        for (const RepetitionResult& r : o.repetitions) {
          if (!r.scored) continue;
          qualitySum += r.quality;
          ++scored;
        }
        if (scored > 0) {
          std::snprintf(line, sizeof line, "%s: %zu reps, quality %.0f", o.exerciseId.c_str(),
                        o.repetitions.size(), qualitySum / scored);
        } else {
          std::snprintf(line, sizeof line, "%s: %zu reps", o.exerciseId.c_str(), o.repetitions.size());
        }
        ImGui::TextUnformatted(line);
      }
      if (view.painBefore && view.painAfter) {
        std::snprintf(line, sizeof line, "Pain %d before, %d after", *view.painBefore, *view.painAfter);
        ImGui::TextUnformatted(line);
      }
      break;
    }
    case SessionStage::Demonstrating:
      ImGui::TextColored(kTitle, "Watch first: %s", view.exercise ? view.exercise->exercise.name.c_str() : "");
      ImGui::TextWrapped("%s", view.instruction.c_str());
      ImGui::TextWrapped("%s", view.demonstration.c_str());
      ImGui::ProgressBar(static_cast<float>(std::clamp(view.demonstrationProgress, 0.0, 1.0)), ImVec2(-1.0f, 0.0f), "");
      break;
    case SessionStage::PainCheck:
      ImGui::TextColored(kTitle, "Between sets");
      ImGui::TextWrapped("%s", view.instruction.c_str());
      break;
    case SessionStage::Resting: {
      ImGui::TextColored(kTitle, "Rest between sets");
      ImGui::TextWrapped("%s", view.instruction.c_str());
      // Whole seconds, rounded up: "0 s" only when the rest is over.
      std::snprintf(line, sizeof line, "Rest %.0f s of %.0f s", std::ceil(view.restRemainingS), view.restS);
      textWrapped(kText, line);
      const double share = view.restS > 0.0 ? view.restRemainingS / view.restS : 0.0;
      ImGui::ProgressBar(static_cast<float>(std::clamp(share, 0.0, 1.0)), ImVec2(-1.0f, 0.0f), "");
      break;
    }
    case SessionStage::PainStopped:
      ImGui::TextColored(kTitle, "Exercise stopped");
      ImGui::TextWrapped("%s", view.instruction.c_str());
      ImGui::TextWrapped("Recorded for your therapist: %s.", view.painStopReason.c_str());
      break;
  }
  contentBottomPx_[index(PanelId::Session)] = contentBottom();
  ImGui::End();
}

std::optional<SessionCommand> UiPanels::buildControlsPanel(const SessionView& view) {
  using Kind = SessionCommand::Kind;
  const glm::vec4 rect = rectsPx_[index(PanelId::Controls)];
  beginPanel("controls", rect);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float innerWidth = rect.z - rect.x - 2.0f * style.WindowPadding.x;
  auto painButtons = [&](const std::optional<int>& answer) -> std::optional<int> {
    // Two rows (0-5, 6-10) of large targets: a pointer ray wobbles by a few millimetres.
    std::optional<int> chosen;
    const float width = (innerWidth - 5.0f * style.ItemSpacing.x) / 6.0f;
    const float height = 1.6f * fontPx_;
    for (int value = 0; value <= 10; ++value) {
      if (value != 0 && value != 6) ImGui::SameLine();
      const bool selected = answer && *answer == value;
      if (selected) ImGui::PushStyleColor(ImGuiCol_Button, kButtonActive);
      if (button(kPainLabels[value], {width, height})) chosen = value;
      if (selected) ImGui::PopStyleColor();
    }
    return chosen;
  };
  const glm::vec2 wide((innerWidth - style.ItemSpacing.x) / 2.0f, 2.2f * fontPx_);
  std::optional<SessionCommand> command;
  switch (view.stage) {
    case SessionStage::Odi: {
      // One large button per answer, as the pain buttons, and one to leave the section out.
      const float width = (innerWidth - 5.0f * style.ItemSpacing.x) / 6.0f;
      for (int score = 0; score <= 5; ++score) {
        if (score != 0) ImGui::SameLine();
        if (button(kPainLabels[score], {width, 1.6f * fontPx_})) command = SessionCommand{Kind::AnswerOdiSection, score};
      }
      if (button("Skip", {innerWidth, wide.y})) command = SessionCommand{Kind::AnswerOdiSection, SessionCommand::kSkip};
      break;
    }
    case SessionStage::PainBefore:
      if (auto pain = painButtons(view.painBefore)) command = SessionCommand{Kind::AnswerPainBefore, *pain};
      break;
    case SessionStage::Calibrating:
    case SessionStage::Exercising:
      if (button(view.paused ? "Resume" : "Pause", wide)) command = SessionCommand{view.paused ? Kind::Resume : Kind::Pause};
      ImGui::SameLine();
      if (button("Stop", wide)) command = SessionCommand{Kind::Stop};
      break;
    case SessionStage::PainAfter:
      if (auto pain = painButtons(view.painAfter)) command = SessionCommand{Kind::AnswerPainAfter, *pain};
      break;
    case SessionStage::Summary:
      if (button("Done", {innerWidth, wide.y})) command = SessionCommand{Kind::CloseSummary};
      break;
    case SessionStage::Finished:
      break;
    case SessionStage::Demonstrating:
      if (button("Skip demonstration", wide)) command = SessionCommand{Kind::SkipDemonstration};
      ImGui::SameLine();
      if (button("Stop", wide)) command = SessionCommand{Kind::Stop};
      break;
    case SessionStage::PainCheck:
      if (auto pain = painButtons(std::nullopt)) command = SessionCommand{Kind::AnswerPainCheck, *pain};
      if (button("Sharp pain", {innerWidth, wide.y})) command = SessionCommand{Kind::AnswerPainCheck, SessionCommand::kSharpPain};
      break;
    case SessionStage::Resting:
      if (button("Continue", wide)) command = SessionCommand{Kind::EndRest};
      ImGui::SameLine();
      if (button("Stop", wide)) command = SessionCommand{Kind::Stop};
      break;
    case SessionStage::PainStopped:
      if (view.hasNextExercise) {
        if (button("Next exercise", wide)) command = SessionCommand{Kind::NextExercise};
        ImGui::SameLine();
      }
      if (button("End session", wide)) command = SessionCommand{Kind::Stop};
      break;
  }
  contentBottomPx_[index(PanelId::Controls)] = contentBottom();
  ImGui::End();
  return command;
}

void UiPanels::appendToScene(render::Scene& scene, std::uint32_t canvasTexture) const {
  for (const render::TexturedQuad& q : quads_) {
    scene.quads.push_back(q);
    scene.quads.back().texture = canvasTexture;
  }
  if (!lastInput_.active) return;
  // The pointer: a thin ray to the panel it meets (or 2 m), and a dot where it lands.
  const glm::vec3 d = glm::normalize(lastInput_.rayDirection);
  const float lengthM = hit_ ? hit_->distanceM : 2.0f;
  if (lastInput_.showRay) {
    scene.capsules.push_back({lastInput_.rayOrigin, lastInput_.rayOrigin + lengthM * d, 0.002f,
                              {0.95f, 0.95f, 0.95f, 0.6f}});
  }
  if (hit_) scene.spheres.push_back({hit_->pointM, 0.008f, {1.0f, 1.0f, 1.0f, 1.0f}});
}

}  // namespace lumbo::app
