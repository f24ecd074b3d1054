// The console's parts that need no window: UI scripts (parsed, with errors naming the line), the
// program draft's check (the loader's verdict, its field in words), and lookups by label.
#include <gtest/gtest.h>
#include <imgui.h>

#include <chrono>
#include <thread>

#include "app/clinic/program_draft.h"
#include "app/clinic/time_chart.h"
#include "app/clinic/ui_script.h"
#include "app/clinic/widget_registry.h"
#include "exercises/exercise.h"

namespace lumbo::app {
namespace {

TEST(ClinicScript, ParsesActionsAndNamesTheLineOfAMistake) {
  auto s = parseUiScript("# open the patient\nclick p01\nset \"Repetitions##s0e0\" 12\nkey ctrl+a\nwait 3\n", "t.txt");
  ASSERT_TRUE(s) << s.error();
  ASSERT_EQ(s->actions.size(), 4u);
  EXPECT_EQ(s->actions[1].args, (std::vector<std::string>{"Repetitions##s0e0", "12"}));
  EXPECT_EQ(s->actions[1].line, 3);
  auto bad = parseUiScript("click p01\nfrobnicate x\n", "t.txt");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("t.txt:2: unknown action 'frobnicate'"), std::string::npos) << bad.error();
  auto quote = parseUiScript("click \"Save\n", "t.txt");
  ASSERT_FALSE(quote);
  EXPECT_NE(quote.error().find("t.txt:1: unclosed quote"), std::string::npos);
  auto key = parseUiScript("key hyper\n", "t.txt");
  ASSERT_FALSE(key);
  EXPECT_NE(key.error().find("unknown key 'hyper'"), std::string::npos);
  EXPECT_FALSE(parseUiScript("wait 0\n", "t.txt"));
  EXPECT_FALSE(parseUiScript("set Sets\n", "t.txt"));
}

// wait-for: the script holds, frame after frame, until the text is shown, and fails naming its
// line when it is not shown in time.
TEST(ClinicUiScript, WaitForHoldsUntilTheTextIsShownOrTimesOut) {
  EXPECT_FALSE(parseUiScript("wait-for \"Rep 2\"\n", "t.txt"));
  auto bad = parseUiScript("click p01\nwait-for \"Rep 2\" soon\n", "t.txt");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("t.txt:2: wait-for: 'soon' is not a number of seconds"), std::string::npos) << bad.error();
  EXPECT_FALSE(parseUiScript("wait-for x 0\n", "t.txt"));

  auto script = parseUiScript("wait-for \"Rep 2 of\" 60\n", "t.txt");
  ASSERT_TRUE(script) << script.error();
  ScriptRunner runner(*script);
  ImGuiIO io;
  WidgetRegistry shown;
  for (int frame = 0; frame < 5; ++frame) {
    shown.addText("Rep 1 of 10");
    shown.beginFrame();
    ASSERT_TRUE(runner.beforeFrame(io, shown));
    EXPECT_FALSE(runner.finished()) << "finished at frame " << frame << " before the text was shown";
  }
  shown.addText("Rep 2 of 10   Set 1 of 1");
  shown.beginFrame();
  ASSERT_TRUE(runner.beforeFrame(io, shown));
  EXPECT_TRUE(runner.finished());

  auto late = parseUiScript("wait 1\nwait-for \"Rep 2 of\" 0.05\n", "t.txt");
  ASSERT_TRUE(late) << late.error();
  ScriptRunner lateRunner(*late);
  WidgetRegistry empty;
  Result<ScriptRunner::FrameRequest> r = lateRunner.beforeFrame(io, empty);
  for (int frame = 0; frame < 1000 && r && !lateRunner.finished(); ++frame) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    r = lateRunner.beforeFrame(io, empty);
  }
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("t.txt:2: waited"), std::string::npos) << r.error();
  EXPECT_NE(r.error().find("'Rep 2 of'"), std::string::npos) << r.error();
}

TEST(ClinicProgramDraft, TheLoaderJudgesAndTheFieldIsNamed) {
  auto lib = loadExerciseLibrary(defaultExerciseFolder());
  ASSERT_TRUE(lib) << lib.error();
  Program p = emptyProgram(*lib);
  p.stages[0].exercises[0] = ProgramExercise{"bridge"};
  EXPECT_TRUE(checkDraft(p, *lib).valid);
  p.stages[0].exercises[0].repetitions = 500;
  DraftCheck c = checkDraft(p, *lib);
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.pointer, "/exercises/0/repetitions");
  EXPECT_EQ(c.field, "Exercise 1 (bridge): Repetitions");
  EXPECT_NE(c.message.find("between 1 and 200"), std::string::npos) << c.message;
  EXPECT_TRUE(faults(c, exercisePointer(p, 0, 0)));
  EXPECT_FALSE(faults(c, "/sessions_per_week"));
  // A negative count is written as typed, so the loader refuses it rather than the level's own.
  p.stages[0].exercises[0].repetitions = 0;
  p.stages[0].exercises[0].sets = -2;
  EXPECT_EQ(checkDraft(p, *lib).pointer, "/exercises/0/sets");
  p.stages[0].exercises[0].sets = 0;
  p.rules.regressQuality = 90;
  c = checkDraft(p, *lib);
  EXPECT_EQ(c.pointer, "/progression/regress_quality");
  EXPECT_EQ(c.field, "Regress below quality");
  p.rules.regressQuality = 60;
  p.staged = true;
  p.stages[0].name = "early";
  p.stages.push_back({"early", "", 7, {ProgramExercise{"bridge"}}});
  c = checkDraft(p, *lib);
  EXPECT_EQ(c.pointer, "/stages/1/name");
  EXPECT_EQ(c.field, "Stage 2 (early): Program name");
}

TEST(ClinicProgramDraft, HoldAndRestAreJudgedAndNamedLikeTheOtherFields) {
  auto lib = loadExerciseLibrary(defaultExerciseFolder());
  ASSERT_TRUE(lib) << lib.error();
  Program p = emptyProgram(*lib);
  p.stages[0].exercises = {ProgramExercise{"bridge"}, ProgramExercise{"pelvic_tilt_control"}};
  p.stages[0].exercises[0].holdS = 10.0;
  p.stages[0].exercises[0].restS = 60.0;
  EXPECT_TRUE(checkDraft(p, *lib).valid);
  p.stages[0].exercises[0].holdS = 300.0;
  DraftCheck c = checkDraft(p, *lib);
  EXPECT_EQ(c.pointer, "/exercises/0/hold_s");
  EXPECT_EQ(c.field, "Exercise 1 (bridge): Hold (s)");
  EXPECT_NE(c.message.find("between 0 and 120"), std::string::npos) << c.message;
  p.stages[0].exercises[0].holdS = 10.0;
  p.stages[0].exercises[1].restS = 1000.0;
  c = checkDraft(p, *lib);
  EXPECT_EQ(c.pointer, "/exercises/1/rest_s");
  EXPECT_EQ(c.field, "Exercise 2 (pelvic_tilt_control): Rest (s)");
  p.stages[0].exercises[1].restS = 30.0;
  // A hold on an exercise that has none is refused, not dropped.
  p.stages[0].exercises[1].holdS = 5.0;
  c = checkDraft(p, *lib);
  EXPECT_EQ(c.pointer, "/exercises/1/hold_s");
  EXPECT_NE(c.message.find("has no hold"), std::string::npos) << c.message;
}

TEST(ClinicWidgetRegistry, FindsByFullLabelIdOrVisibleLabel) {
  WidgetRegistry r;
  r.addWidget("Save##program", 10, 10, 50, 30, true);
  r.addWidget("Sets##s0e0", 60, 10, 90, 30, false);
  r.addWidget("Sets##s0e1", 60, 40, 90, 60, true);
  r.addText("Cannot save: Sets");
  r.beginFrame();
  EXPECT_EQ(r.find("Save").widget->label, "Save##program");
  EXPECT_EQ(r.find("##s0e1").widget->label, "Sets##s0e1");
  EXPECT_FALSE(r.find("Sets##s0e0").widget->enabled);
  EXPECT_EQ(r.find("Sets").widget, nullptr);
  EXPECT_NE(r.find("Sets").error.find("2 controls"), std::string::npos);
  EXPECT_NE(r.find("Load").error.find("no control labelled 'Load'"), std::string::npos);
  EXPECT_TRUE(r.shows("Cannot save"));
  r.beginFrame();
  EXPECT_FALSE(r.shows("Cannot save"));  // only the last frame counts
}

TEST(ClinicChart, TicksAreRound) {
  EXPECT_EQ(niceTicks(0, 10, 5), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(niceTicks(0, 100, 4), (std::vector<double>{0, 50, 100}));
  EXPECT_TRUE(niceTicks(5, 5, 4).empty());
}

}  // namespace
}  // namespace lumbo::app
