// UiPanels: panel placement, pointer ray hits, the ImGui windows of each stage of a session.
#include "app/scene/ui_panels.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <glm/geometric.hpp>

#include "app/scene/odi_questionnaire.h"
#include "body/pose.h"

namespace lumbo::app {

namespace {

constexpr float kPi = 3.14159265f;
constexpr float kPanelGapPx = 16.0f;
constexpr float kSessionPanelHeightPx = 480.0f;  // the controls panel takes the rest

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
      // About 20 degrees down (chest height at 1.3 m) and 20 degrees to the left, so the panel
      // does not hide the mirror's view of the pelvis and the side view on the right.
      const glm::vec3 forward = horizontal(anterior, {0.0f, 0.0f, -1.0f});
      const glm::vec3 right = glm::cross(forward, up);
      viewer.lookDirection = glm::normalize(forward - 0.35f * up - 0.38f * right);
      viewer.viewUp = up;
      viewer.panelDistanceM = 1.3f;
      break;
    }
    case NeutralPosition::Supine: {
      // Above the face, where a person lying down looks without lifting the head, tilted
      // towards the crown to leave the overhead mirror's view of the trunk clear.
      viewer.lookDirection = glm::normalize(up + 0.35f * horizontal(superior, {0.0f, 0.0f, -1.0f}));
      viewer.viewUp = horizontal(superior, {0.0f, 0.0f, -1.0f});
      viewer.panelDistanceM = 1.2f;
      break;
    }
    case NeutralPosition::FourPointKneeling: {
      // Ahead and about 24 degrees down from the head (near 0.7 m): low, clear of the floor,
      // and a little to the left of the mirror ahead.
      const glm::vec3 crownward = horizontal(superior, {0.0f, 0.0f, -1.0f});
      const glm::vec3 right = glm::cross(crownward, up);
      viewer.lookDirection = glm::normalize(crownward - 0.45f * up - 0.3f * right);
      viewer.viewUp = up;
      viewer.panelDistanceM = 1.0f;
      break;
    }
  }
  return viewer;
}

ViewerFrame viewerFrameFor(const Calibration& calibration) {
  const glm::vec3 headM(calibration.neutralPositionM[index(Device::Head)]);
  return viewerFrameFor(calibration.position, headM, glm::vec3(calibration.forward()),
                        glm::vec3(calibration.superior()));
}

UiPanels::UiPanels(const UiPanelsOptions& options) : options_(options) {
  pxPerM_ = static_cast<float>(kCanvasPx) / options_.panelWidthM;
  // Sized for the farthest placement (standing, 1.3 m); nearer placements only read larger.
  const double farthestM = 1.3;
  fontPx_ = static_cast<float>(
      std::ceil(std::tan(options_.minTextDeg * kPi / 180.0) * farthestM * pxPerM_));

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
  // The canvas centre sits on the line of sight; each panel is its rectangle of the canvas.
  const glm::vec3 canvasCentreM = viewer.eyeM + viewer.panelDistanceM * look;
  for (std::size_t i = 0; i < kPanelCount; ++i) {
    const glm::vec4 r = rectsPx_[i];
    const glm::vec2 centrePx(0.5f * (r.x + r.z), 0.5f * (r.y + r.w));
    render::TexturedQuad& q = quads_[i];
    q.centreM = canvasCentreM + (centrePx.x - 0.5f * canvas) / pxPerM_ * right -
                (centrePx.y - 0.5f * canvas) / pxPerM_ * up;
    q.halfWidthM = 0.5f * (r.z - r.x) / pxPerM_ * right;
    q.halfHeightM = 0.5f * (r.w - r.y) / pxPerM_ * up;
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

}  // namespace

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
        if (!view.calibrationProblem.empty()) {
          ImGui::TextColored(kWarn, "%s", view.calibrationProblem.c_str());
        }
      } else if (view.exercise != nullptr) {
        const Exercise& e = view.exercise->exercise;
        ImGui::TextColored(kTitle, "%s", e.name.c_str());
        ImGui::TextWrapped("%s", view.instruction.c_str());
        const Feedback& f = view.feedback;
        const int perSet = std::max(1, view.exercise->level >= 1 &&
                                               view.exercise->level <= static_cast<int>(e.levels.size())
                                           ? e.levels[static_cast<std::size_t>(view.exercise->level - 1)].repetitions
                                           : view.targetRepetitions);
        const int sets = std::max(1, view.targetRepetitions / perSet);
        std::snprintf(line, sizeof line, "Rep %d of %d   Set %d of %d", f.repetitions,
                      view.targetRepetitions, f.set, sets);
        ImGui::TextUnformatted(line);
        if (f.holdS > 0.0) {
          std::snprintf(line, sizeof line, "Hold %.1f s", f.holdS);
          ImGui::TextUnformatted(line);
        }
        if (f.paused) {
          ImGui::TextColored(kWarn, "Tracking lost: not counting");
        } else if (f.outOfBand) {
          ImGui::TextColored(kWarn, "%s", f.cue != nullptr ? f.cue->c_str() : "Check your alignment");
        } else {
          ImGui::TextColored(kGood, "Alignment good");
        }
        // Alignment as a bar: full in band, empty at 10 units (degrees, mostly) beyond it.
        const float alignment = f.outOfBand ? static_cast<float>(std::clamp(1.0 - f.excess / 10.0, 0.0, 1.0)) : 1.0f;
        ImGui::ProgressBar(alignment, ImVec2(-1.0f, 0.0f), "");
      }
      if (!view.recordingProblem.empty()) ImGui::TextColored(kWarn, "%s", view.recordingProblem.c_str());
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
  }
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
  }
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
  scene.capsules.push_back({lastInput_.rayOrigin, lastInput_.rayOrigin + lengthM * d, 0.002f,
                            {0.95f, 0.95f, 0.95f, 0.6f}});
  if (hit_) scene.spheres.push_back({hit_->pointM, 0.008f, {1.0f, 1.0f, 1.0f, 1.0f}});
}

}  // namespace lumbo::app
