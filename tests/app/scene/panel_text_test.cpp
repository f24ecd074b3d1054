// Every step shown: for each exercise of the library, its name, all its instructions and its
// longest cue, with counters and a hold, fit the session panel wrapped (no line wider than the
// panel, nothing below its bottom), and a cue too long for one line is wrapped, not cut.
#include <gtest/gtest.h>

#include <imgui.h>

#include <algorithm>

#include "app/scene/ui_panels.h"
#include "tests/app/scene/panel_views.h"

namespace lumbo::app {
namespace {

TEST(PanelText, EveryInstructionAndTheCueFitTheSessionPanelWrapped) {
  auto library = loadExerciseLibrary(defaultExerciseFolder());
  ASSERT_TRUE(library.ok()) << library.error();
  ASSERT_GE(library->size(), 19u);
  UiPanels ui;
  const glm::vec4 rect = ui.panelRectPx(PanelId::Session);
  const float wrapPx = ui.wrapWidthPx(PanelId::Session);
  bool wrappedACue = false;
  for (const Exercise& e : *library) {
    SCOPED_TRACE(e.id);
    const PlannedExercise planned{e, 1, 3, 12};
    SessionView view = test::exercisingView(planned, 35, 36);
    view.feedback.set = 3;
    ui.update(view, {}, {}, 1.0 / 72.0);
    // Nothing cut at the bottom: the content ends inside the panel's padding.
    EXPECT_LE(ui.contentBottomPx(PanelId::Session), rect.w - ImGui::GetStyle().WindowPadding.y)
        << "content ends at " << ui.contentBottomPx(PanelId::Session) << " px, the panel at " << rect.w;
    // Each line of text, wrapped at the panel's width, is no wider than it: nothing cut at the side.
    const std::vector<std::string> lines = test::panelTexts(view);
    for (const std::string& line : lines) {
      const ImVec2 size = ImGui::CalcTextSize(line.c_str(), nullptr, false, wrapPx);
      EXPECT_LE(size.x, wrapPx) << line;
    }
    if (view.feedback.cue && ImGui::CalcTextSize(view.feedback.cue->c_str()).x > wrapPx) wrappedACue = true;
  }
  // At least one cue of the library does not fit on one line: that one shows wrapped, not cut.
  EXPECT_TRUE(wrappedACue);
}

}  // namespace
}  // namespace lumbo::app
