// Drawing a monitored session: ImGui widgets for its state and the therapist's actions, and the
// person's avatar, ghost and mirror from its poses.
#include "app/monitor/monitor_console.h"

#include <imgui.h>

#include <algorithm>
#include <cstdarg>
#include <cmath>
#include <cstdio>

#include "app/scene/avatar_scene.h"
#include "app/scene/props_scene.h"
#include "app/scene/session_scene.h"

namespace lumbo::app {

namespace {

const ImVec4 kWarn{0.96f, 0.70f, 0.10f, 1.0f};
const ImVec4 kGood{0.30f, 0.80f, 0.70f, 1.0f};
const ImVec4 kTitle{0.75f, 0.85f, 1.0f, 1.0f};

// The metrics a therapist of low back pain watches first, as strips.
constexpr MetricId kStripMetrics[] = {MetricId::LumbarFlexionDeg, MetricId::LumbarLateralDeg, MetricId::LumbarRotationDeg,
                                      MetricId::PelvicTiltDeg, MetricId::TrunkInclinationDeg, MetricId::PelvisHeightM};

}  // namespace

const char* connectionWords(monitor::ConnectionState s) {
  switch (s) {
    case monitor::ConnectionState::Connecting: return "connecting...";
    case monitor::ConnectionState::Connected: return "connected (encrypted)";
    case monitor::ConnectionState::Lost: return "connection lost: reconnecting...";
    case monitor::ConnectionState::Refused: return "refused by the session: this key is not authorised";
    case monitor::ConnectionState::Ended: return "the session ended: waiting for it to start again";
  }
  return "";
}

std::string actionWords(const ConsoleAction& a, bool sent) {
  std::string words = std::string(sent ? "sent " : "not connected, not sent: ") + std::string(monitor::commandKindName(a.kind));
  if (!a.text.empty()) words += ": " + a.text;
  else if (a.value) words += " " + std::to_string(a.value);
  return words;
}

MonitorConsole::MonitorConsole(std::vector<Exercise> library, ConsoleLayout layout, ConsoleRecorder* recorder)
    : library_(std::move(library)), layout_(layout), recorder_(recorder) {}

const Exercise* MonitorConsole::find(const std::string& id) const {
  for (const Exercise& e : library_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

void MonitorConsole::prepareGhosts(const monitor::Welcome& welcome) {
  if (ghostsFor_ == welcome.epoch) return;
  ghostsFor_ = welcome.epoch;
  ghosts_.clear();
  placedFor_.reset();
  for (const monitor::PlanItem& p : welcome.plan) {
    const Exercise* e = find(p.exerciseId);
    ghosts_.push_back(e ? ghostFor(*e, p.level) : std::nullopt);
  }
}

void MonitorConsole::beginPanel(const char* name, float xPx, float yPx, float widthPx, float heightPx) {
  if (layout_ == ConsoleLayout::Embedded) {
    ImGui::SetCursorScreenPos(ImVec2(originXPx_ + xPx, originYPx_ + yPx));
    ImGui::BeginChild(name, ImVec2(widthPx, heightPx), true);
    // A child region has no title bar: its name heads it instead.
    text(&title_, false, "%s", name);
    return;
  }
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;
  ImGui::SetNextWindowPos(ImVec2(xPx, yPx));
  ImGui::SetNextWindowSize(ImVec2(widthPx, heightPx));
  ImGui::Begin(name, nullptr, fixed);
}

void MonitorConsole::endPanel() {
  wantsMouse_ = wantsMouse_ || ImGui::IsWindowHovered();
  if (layout_ == ConsoleLayout::Embedded) ImGui::EndChild();
  else ImGui::End();
}

void MonitorConsole::text(const ImVec4* colour, bool wrapped, const char* format, ...) {
  char line[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(line, sizeof line, format, args);
  va_end(args);
  if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
  if (wrapped) ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(line);
  if (wrapped) ImGui::PopTextWrapPos();
  if (colour) ImGui::PopStyleColor();
  if (recorder_) recorder_->text(line);
}

bool MonitorConsole::button(const char* label, float widthPx) {
  const bool pressed = ImGui::Button(label, ImVec2(widthPx, 0.0f));
  if (recorder_) recorder_->control(label);
  return pressed;
}

std::vector<ConsoleAction> MonitorConsole::drawUi(const monitor::ViewerModel& model, const std::string& connection,
                                                  float widthPx, float heightPx, monitor::DrawnPanel* drawn) {
  std::vector<ConsoleAction> actions;
  monitor::DrawnPanel panel;
  wantsMouse_ = false;
  // Over the scene the console has its own dark style; embedded it takes its host's colours.
  title_ = layout_ == ConsoleLayout::Embedded ? ImGui::GetStyleColorVec4(ImGuiCol_TabActive) : kTitle;
  // Each panel's rectangle: over a scene, the state, posture and events down the left and the
  // therapist's actions at the top right, leaving the middle to the 3D view; embedded, the state
  // on the left, the 3D view and the events in the middle, the actions and posture on the right.
  struct Rect {
    float x, y, w, h;
  };
  Rect session, posture, events, therapist;
  if (layout_ == ConsoleLayout::Embedded) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    originXPx_ = origin.x;
    originYPx_ = origin.y;
    const float gap = 8.0f;
    const float first = std::floor(widthPx * 0.30f);
    const float second = std::floor(widthPx * 0.42f);
    const float third = widthPx - first - second - 2.0f * gap;
    const float viewHeight = std::floor(heightPx * 0.62f);
    const float actionsHeight = 255.0f;
    session = {0.0f, 0.0f, first, heightPx};
    viewRect_ = {originXPx_ + first + gap, originYPx_, second, viewHeight};
    events = {first + gap, viewHeight + gap, second, heightPx - viewHeight - gap};
    therapist = {first + second + 2.0f * gap, 0.0f, third, actionsHeight};
    posture = {first + second + 2.0f * gap, actionsHeight + gap, third, heightPx - actionsHeight - gap};
  } else {
    const float column = std::min(360.0f, widthPx * 0.4f);
    session = {0.0f, 0.0f, column, heightPx * 0.5f};
    posture = {0.0f, heightPx * 0.5f, column, heightPx * 0.3f};
    events = {0.0f, heightPx * 0.8f, column, heightPx * 0.2f};
    therapist = {widthPx - column * 0.9f, 0.0f, column * 0.9f, 250.0f};
  }

  beginPanel("Session", session.x, session.y, session.w, session.h);
  text(nullptr, true, "%s", connection.c_str());
  if (const auto& w = model.welcome()) text(nullptr, false, "Person: %s", w->personId.c_str());
  if (const auto& s = model.state()) {
    text(nullptr, false, "Stage: %s%s   %.0f s", stageName(static_cast<SessionStage>(s->stage)), s->paused ? " (paused)" : "", s->timeS);
    ImGui::Separator();
    panel.exercise = s->exerciseName;
    text(&title_, false, "%s (level %d of %d)", s->exerciseName.c_str(), s->level, s->levelCount);
    text(nullptr, true, "%s", s->instruction.c_str());
    const bool afterExercises = s->stage >= static_cast<int>(SessionStage::PainAfter);
    if (afterExercises && s->targetRepetitions > 0) {
      // What the last exercise came to.
      const int perSet = std::max(1, s->repetitionsPerSet);
      char line[128];
      std::snprintf(line, sizeof line, "Rep %d of %d   Set %d of %d", s->repetitions, s->targetRepetitions,
                    std::min(std::max(1, s->targetRepetitions / perSet), (std::max(s->repetitions, 1) - 1) / perSet + 1),
                    std::max(1, s->targetRepetitions / perSet));
      panel.counters = line;
      text(nullptr, false, "%s", line);
    }
    if (s->stage == static_cast<int>(SessionStage::Exercising)) {
      const int perSet = std::max(1, s->repetitionsPerSet);
      char line[128];
      std::snprintf(line, sizeof line, "Rep %d of %d   Set %d of %d", s->repetitions, s->targetRepetitions, s->set,
                    std::max(1, s->targetRepetitions / perSet));
      panel.counters = line;
      text(nullptr, false, "%s", line);
      if (!s->phaseName.empty()) text(nullptr, false, "Phase: %s", s->phaseName.c_str());
      if (s->holdS > 0.0) text(nullptr, false, "Hold %.1f s", s->holdS);
      if (s->trackingLost) {
        panel.cue = "Tracking lost: not counting";
        text(&kWarn, false, "%s", panel.cue.c_str());
      } else if (s->outOfBand) {
        panel.cue = s->cue.empty() ? "Check your alignment" : s->cue;
        text(&kWarn, false, "%s", panel.cue.c_str());
        if (!s->fault.empty()) text(nullptr, true, "Fault: %s", s->fault.c_str());
      } else {
        panel.cue = "Alignment good";
        text(&kGood, false, "%s", panel.cue.c_str());
      }
    } else if (s->stage == static_cast<int>(SessionStage::Calibrating)) {
      ImGui::ProgressBar(static_cast<float>(s->calibrationProgress), ImVec2(-1.0f, 0.0f), "calibration");
      if (!s->calibrationProblem.empty()) text(&kWarn, false, "%s", s->calibrationProblem.c_str());
    }
    if (!s->positionProblem.empty()) text(&kWarn, false, "Position: %s", s->positionProblem.c_str());
    if (s->painBefore) text(nullptr, false, "Pain before: %d / 10", *s->painBefore);
    if (s->painAfter) text(nullptr, false, "Pain after: %d / 10", *s->painAfter);
    if (!s->message.empty()) text(nullptr, true, "Message shown: %s", s->message.c_str());
    if (!s->repetitionsDone.empty()) {
      ImGui::Separator();
      const auto& last = s->repetitionsDone.back();
      char line[96];
      if (last.quality) std::snprintf(line, sizeof line, "last repetition: quality %d", static_cast<int>(std::lround(*last.quality)));
      else std::snprintf(line, sizeof line, "last repetition: not scored");
      panel.quality = line;
      text(nullptr, false, "%s", line);
      // The latest first: what the therapist most likely wants to see.
      for (auto it = s->repetitionsDone.rbegin(); it != s->repetitionsDone.rend() && it - s->repetitionsDone.rbegin() < 8; ++it) {
        if (it->quality) text(nullptr, false, "#%d  quality %.0f", it->number, *it->quality);
        else text(nullptr, false, "#%d  not scored", it->number);
        for (const std::string& f : it->faults) text(nullptr, true, "    %s", f.c_str());
      }
    }
  }
  endPanel();

  beginPanel("Posture", posture.x, posture.y, posture.w, posture.h);
  const auto& strips = model.strips();
  std::vector<float> values;
  for (MetricId id : kStripMetrics) {
    const auto& strip = strips[static_cast<std::size_t>(id)];
    values.clear();
    bool estimated = false;
    for (const monitor::MetricSample& m : strip) {
      values.push_back(m.source == MetricSource::Unavailable ? 0.0f : m.value);
      estimated = estimated || m.source == MetricSource::Estimated;
    }
    const std::string name(metricName(id));
    char label[96];
    std::snprintf(label, sizeof label, "%.1f%s", values.empty() ? 0.0 : static_cast<double>(values.back()), estimated ? " (est.)" : "");
    if (!strip.empty() && strip.back().source == MetricSource::Unavailable) std::snprintf(label, sizeof label, "n/a");
    text(nullptr, false, "%s", name.c_str());
    ImGui::PlotLines(("##" + name).c_str(), values.data(), static_cast<int>(values.size()), 0, label, FLT_MAX, FLT_MAX,
                     ImVec2(ImGui::GetContentRegionAvail().x, 22.0f));
    if (recorder_) recorder_->text(name + " " + label);
  }
  endPanel();

  beginPanel("Events", events.x, events.y, events.w, events.h);
  for (auto it = model.events().rbegin(); it != model.events().rend(); ++it) {
    text(nullptr, true, "%6.1f  %s %s", it->timeS, it->kind.c_str(), it->detail.c_str());
  }
  endPanel();

  beginPanel("Therapist", therapist.x, therapist.y, therapist.w, therapist.h);
  const auto& s = model.state();
  if (button(s && s->paused ? "Resume" : "Pause", -1.0f)) {
    actions.push_back({s && s->paused ? monitor::CommandKind::Resume : monitor::CommandKind::Pause, 0, {}});
  }
  if (button("End exercise", -1.0f)) actions.push_back({monitor::CommandKind::EndExercise, 0, {}});
  if (s) {
    text(nullptr, false, "Level %d", s->level);
    ImGui::SameLine();
    if (button("-##level") && s->level > 1) actions.push_back({monitor::CommandKind::SetLevel, s->level - 1, {}});
    ImGui::SameLine();
    if (button("+##level") && s->level < s->levelCount) actions.push_back({monitor::CommandKind::SetLevel, s->level + 1, {}});
    text(nullptr, false, "Reps per set %d", s->repetitionsPerSet);
    ImGui::SameLine();
    if (button("-##reps") && s->repetitionsPerSet > 1) {
      actions.push_back({monitor::CommandKind::SetRepetitions, s->repetitionsPerSet - 1, {}});
    }
    ImGui::SameLine();
    if (button("+##reps")) actions.push_back({monitor::CommandKind::SetRepetitions, s->repetitionsPerSet + 1, {}});
  }
  char buffer[201];
  std::snprintf(buffer, sizeof buffer, "%s", messageDraft_.c_str());
  if (layout_ == ConsoleLayout::Embedded) ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 70.0f);
  const bool entered = ImGui::InputText("##message", buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue);
  if (recorder_) recorder_->control("Message##message");
  messageDraft_ = buffer;
  ImGui::SameLine();
  if ((button("Send") || entered) && !messageDraft_.empty()) {
    actions.push_back({monitor::CommandKind::Message, 0, messageDraft_});
    messageDraft_.clear();
  }
  if (const auto& r = model.lastReply()) text(nullptr, true, "%s%s", r->accepted ? "" : "refused: ", r->detail.c_str());
  wantsMouse_ = wantsMouse_ || ImGui::IsAnyItemActive();
  endPanel();

  if (drawn) *drawn = panel;
  return actions;
}

void MonitorConsole::buildScene(render::Scene& scene, const monitor::ViewerModel& model, double dtS) {
  scene.capsules.clear();
  scene.spheres.clear();
  scene.quads.clear();
  if (const auto& w = model.welcome()) prepareGhosts(*w);
  const auto& frame = model.frame();
  const auto& cal = model.calibration();
  if (!frame || !cal) return;
  const glm::dvec3 pelvis = exercisePlaceM(*cal);
  if (placedFor_ != cal->position) {
    mirror_ = mirrorPlacementFor(*cal);
    placeMat(scene, *cal);
    placedFor_ = cal->position;
  }
  const auto& s = model.state();
  const bool exercising = s && s->stage == static_cast<int>(SessionStage::Exercising);
  Feedback fb;
  if (s) {
    fb.timeS = s->timeS;
    fb.phase = static_cast<std::size_t>(s->phase);
    fb.paused = s->trackingLost;
    fb.outOfBand = s->outOfBand;
    fb.signal = static_cast<SignalIndex>(s->signal);
    fb.excess = s->excess;
    fb.repetitions = s->repetitions;
    fb.set = s->set;
    fb.holdS = s->holdS;
    fb.repetitionCompleted = s->repetitions > lastRepetitions_;
    lastRepetitions_ = s->repetitions;
  }
  appendAvatar(scene, frame->tracked, *cal, exercising ? &fb : nullptr);
  if (exercising && s->exerciseIndex < static_cast<int>(ghosts_.size())) {
    if (auto& ghost = ghosts_[static_cast<std::size_t>(s->exerciseIndex)]) {
      ghost->update(fb, dtS);
      ghost->append(scene, glm::vec3(pelvis), glm::vec3(cal->forward()));
    }
  }
  appendMirror(scene, mirror_, 0, 0);
}

}  // namespace lumbo::app
