// Drawing a monitored session: ImGui widgets for its state and the therapist's actions, and the
// person's avatar, ghost and mirror from its poses.
#include "app/monitor/monitor_console.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/scene/avatar_scene.h"
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

MonitorConsole::MonitorConsole(std::vector<Exercise> library) : library_(std::move(library)) {}

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

std::vector<ConsoleAction> MonitorConsole::drawUi(const monitor::ViewerModel& model, const std::string& connection,
                                                  float widthPx, float heightPx, monitor::DrawnPanel* drawn) {
  std::vector<ConsoleAction> actions;
  const float column = std::min(360.0f, widthPx * 0.4f);
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;
  monitor::DrawnPanel panel;

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(column, heightPx * 0.5f));
  ImGui::Begin("Session", nullptr, fixed);
  ImGui::TextWrapped("%s", connection.c_str());
  if (const auto& w = model.welcome()) ImGui::Text("Person: %s", w->personId.c_str());
  if (const auto& s = model.state()) {
    ImGui::Text("Stage: %s%s   %.0f s", stageName(static_cast<SessionStage>(s->stage)), s->paused ? " (paused)" : "", s->timeS);
    ImGui::Separator();
    panel.exercise = s->exerciseName;
    ImGui::TextColored(kTitle, "%s (level %d of %d)", s->exerciseName.c_str(), s->level, s->levelCount);
    ImGui::TextWrapped("%s", s->instruction.c_str());
    const bool afterExercises = s->stage >= static_cast<int>(SessionStage::PainAfter);
    if (afterExercises && s->targetRepetitions > 0) {
      // What the last exercise came to.
      const int perSet = std::max(1, s->repetitionsPerSet);
      char line[128];
      std::snprintf(line, sizeof line, "Rep %d of %d   Set %d of %d", s->repetitions, s->targetRepetitions,
                    std::min(std::max(1, s->targetRepetitions / perSet), (std::max(s->repetitions, 1) - 1) / perSet + 1),
                    std::max(1, s->targetRepetitions / perSet));
      panel.counters = line;
      ImGui::TextUnformatted(line);
    }
    if (s->stage == static_cast<int>(SessionStage::Exercising)) {
      const int perSet = std::max(1, s->repetitionsPerSet);
      char line[128];
      std::snprintf(line, sizeof line, "Rep %d of %d   Set %d of %d", s->repetitions, s->targetRepetitions, s->set,
                    std::max(1, s->targetRepetitions / perSet));
      panel.counters = line;
      ImGui::TextUnformatted(line);
      if (!s->phaseName.empty()) ImGui::Text("Phase: %s", s->phaseName.c_str());
      if (s->holdS > 0.0) ImGui::Text("Hold %.1f s", s->holdS);
      if (s->trackingLost) {
        panel.cue = "Tracking lost: not counting";
        ImGui::TextColored(kWarn, "%s", panel.cue.c_str());
      } else if (s->outOfBand) {
        panel.cue = s->cue.empty() ? "Check your alignment" : s->cue;
        ImGui::TextColored(kWarn, "%s", panel.cue.c_str());
        if (!s->fault.empty()) ImGui::TextWrapped("Fault: %s", s->fault.c_str());
      } else {
        panel.cue = "Alignment good";
        ImGui::TextColored(kGood, "%s", panel.cue.c_str());
      }
    } else if (s->stage == static_cast<int>(SessionStage::Calibrating)) {
      ImGui::ProgressBar(static_cast<float>(s->calibrationProgress), ImVec2(-1.0f, 0.0f), "calibration");
      if (!s->calibrationProblem.empty()) ImGui::TextColored(kWarn, "%s", s->calibrationProblem.c_str());
    }
    if (!s->positionProblem.empty()) ImGui::TextColored(kWarn, "Position: %s", s->positionProblem.c_str());
    if (s->painBefore) ImGui::Text("Pain before: %d / 10", *s->painBefore);
    if (s->painAfter) ImGui::Text("Pain after: %d / 10", *s->painAfter);
    if (!s->message.empty()) ImGui::TextWrapped("Message shown: %s", s->message.c_str());
    if (!s->repetitionsDone.empty()) {
      ImGui::Separator();
      const auto& last = s->repetitionsDone.back();
      char line[96];
      if (last.quality) std::snprintf(line, sizeof line, "last repetition: quality %d", static_cast<int>(std::lround(*last.quality)));
      else std::snprintf(line, sizeof line, "last repetition: not scored");
      panel.quality = line;
      ImGui::TextUnformatted(line);
      // The latest first: what the therapist most likely wants to see.
      for (auto it = s->repetitionsDone.rbegin(); it != s->repetitionsDone.rend() && it - s->repetitionsDone.rbegin() < 8; ++it) {
        if (it->quality) ImGui::Text("#%d  quality %.0f", it->number, *it->quality);
        else ImGui::Text("#%d  not scored", it->number);
        for (const std::string& f : it->faults) ImGui::TextWrapped("    %s", f.c_str());
      }
    }
  }
  wantsMouse_ = ImGui::IsWindowHovered();
  ImGui::End();

  ImGui::SetNextWindowPos(ImVec2(0, heightPx * 0.5f));
  ImGui::SetNextWindowSize(ImVec2(column, heightPx * 0.3f));
  ImGui::Begin("Posture", nullptr, fixed);
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
    ImGui::Text("%s", name.c_str());
    ImGui::PlotLines(("##" + name).c_str(), values.data(), static_cast<int>(values.size()), 0, label, FLT_MAX, FLT_MAX,
                     ImVec2(ImGui::GetContentRegionAvail().x, 22.0f));
  }
  wantsMouse_ = wantsMouse_ || ImGui::IsWindowHovered();
  ImGui::End();

  ImGui::SetNextWindowPos(ImVec2(0, heightPx * 0.8f));
  ImGui::SetNextWindowSize(ImVec2(column, heightPx * 0.2f));
  ImGui::Begin("Events", nullptr, fixed);
  for (auto it = model.events().rbegin(); it != model.events().rend(); ++it) {
    ImGui::TextWrapped("%6.1f  %s %s", it->timeS, it->kind.c_str(), it->detail.c_str());
  }
  wantsMouse_ = wantsMouse_ || ImGui::IsWindowHovered();
  ImGui::End();

  ImGui::SetNextWindowPos(ImVec2(widthPx - column * 0.9f, 0));
  ImGui::SetNextWindowSize(ImVec2(column * 0.9f, 250.0f));
  ImGui::Begin("Therapist", nullptr, fixed);
  const auto& s = model.state();
  if (ImGui::Button(s && s->paused ? "Resume" : "Pause", ImVec2(-1.0f, 0.0f))) {
    actions.push_back({s && s->paused ? monitor::CommandKind::Resume : monitor::CommandKind::Pause, 0, {}});
  }
  if (ImGui::Button("End exercise", ImVec2(-1.0f, 0.0f))) actions.push_back({monitor::CommandKind::EndExercise, 0, {}});
  if (s) {
    ImGui::Text("Level %d", s->level);
    ImGui::SameLine();
    if (ImGui::Button("-##level") && s->level > 1) actions.push_back({monitor::CommandKind::SetLevel, s->level - 1, {}});
    ImGui::SameLine();
    if (ImGui::Button("+##level") && s->level < s->levelCount) actions.push_back({monitor::CommandKind::SetLevel, s->level + 1, {}});
    ImGui::Text("Reps per set %d", s->repetitionsPerSet);
    ImGui::SameLine();
    if (ImGui::Button("-##reps") && s->repetitionsPerSet > 1) {
      actions.push_back({monitor::CommandKind::SetRepetitions, s->repetitionsPerSet - 1, {}});
    }
    ImGui::SameLine();
    if (ImGui::Button("+##reps")) actions.push_back({monitor::CommandKind::SetRepetitions, s->repetitionsPerSet + 1, {}});
  }
  char buffer[201];
  std::snprintf(buffer, sizeof buffer, "%s", messageDraft_.c_str());
  const bool entered = ImGui::InputText("##message", buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue);
  messageDraft_ = buffer;
  ImGui::SameLine();
  if ((ImGui::Button("Send") || entered) && !messageDraft_.empty()) {
    actions.push_back({monitor::CommandKind::Message, 0, messageDraft_});
    messageDraft_.clear();
  }
  if (const auto& r = model.lastReply()) ImGui::TextWrapped("%s%s", r->accepted ? "" : "refused: ", r->detail.c_str());
  wantsMouse_ = wantsMouse_ || ImGui::IsWindowHovered() || ImGui::IsAnyItemActive();
  ImGui::End();

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
  const glm::dvec3 pelvis = cal->devices.test(index(Device::Pelvis)) ? cal->neutralPositionM[index(Device::Pelvis)]
                                                                     : cal->neutralPositionM[index(Device::Head)];
  if (placedFor_ != cal->position) {
    mirror_ = mirrorPlacementFor(*cal);
    glm::dvec3 along = cal->position == NeutralPosition::Standing ? cal->forward() : cal->superior();
    along.y = 0.0;
    scene.mat.centreM = glm::vec3(static_cast<float>(pelvis.x), 0.0f, static_cast<float>(pelvis.z));
    scene.mat.yawRad = static_cast<float>(std::atan2(along.x, along.z));
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
