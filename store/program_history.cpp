// Reading a person's progression history from the session store.
#include "store/program_history.h"

#include <algorithm>
#include <map>

#include "store/queries.h"
#include "store/session_store.h"

namespace lumbo::store {

Result<std::vector<SessionResult>> historyFromStore(const std::string& path, const std::string& person, const Program& program) {
  auto db = store::SessionStore::open(path, store::OpenOptions{.create = false});
  if (!db) return Error{db.error()};
  return historyFromStore(*db, person, program);
}

Result<std::vector<SessionResult>> historyFromStore(SessionStore& db, const std::string& person, const Program& program,
                                                    double beforeUnixS) {
  store::Queries q(db);
  // The level each session's sets of an exercise were done at.
  std::map<std::pair<std::int64_t, std::string>, int> setLevel;
  {
    auto s = db.connection().prepare("SELECT x.session_id, x.exercise_id, max(x.level) FROM exercise_set x "
                                     "JOIN session s ON s.id = x.session_id WHERE s.person_id = ? GROUP BY 1, 2");
    s.bind(1, person);
    while (s.step()) setLevel[{s.getInt(0), s.getText(1)}] = static_cast<int>(s.getInt(2));
  }
  std::map<std::string, int> startLevel;
  for (const ProgramStage& s : program.stages) {
    for (const lumbo::ProgramExercise& pe : s.exercises) startLevel[pe.exerciseId] = pe.startLevel;
  }
  const std::vector<store::LevelChange> changes = q.levelChanges(person);
  auto levelAt = [&](const std::string& id, double unixS) {
    int level = startLevel.count(id) ? startLevel[id] : 1;
    for (const store::LevelChange& c : changes) {
      if (c.exerciseId == id && c.unixS <= unixS) level = c.toLevel;
    }
    return level;
  };
  std::map<std::int64_t, SessionResult> byId;
  std::map<std::int64_t, double> startOf;
  for (const store::SessionRow& s : q.sessions(person)) {
    if (s.startUnixS >= beforeUnixS) continue;
    startOf[s.id] = s.startUnixS;
    SessionResult r;
    r.date = store::utcDate(s.startUnixS);
    r.day = dayNumber(r.date).value_or(0);
    byId[s.id] = r;
  }
  for (const store::PainPoint& p : q.painTrend(person)) {
    if (!p.sessionId || !byId.count(*p.sessionId)) continue;
    if (p.phase == "before") byId[*p.sessionId].painBefore = p.score;
    if (p.phase == "after") byId[*p.sessionId].painAfter = p.score;
  }
  for (const store::QualityPoint& p : q.qualityOverTime(person)) {
    if (!byId.count(p.sessionId)) continue;
    const auto done = setLevel.find({p.sessionId, p.exerciseId});
    byId[p.sessionId].exercises.push_back(
        {p.exerciseId, done != setLevel.end() ? done->second : levelAt(p.exerciseId, p.unixS), p.meanQuality});
  }
  std::vector<std::pair<double, SessionResult>> ordered;
  for (auto& [id, s] : byId) {
    if (!s.exercises.empty()) ordered.emplace_back(startOf[id], std::move(s));
  }
  // By start time; the map's id order breaks ties, so same-time sessions keep recording order.
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<SessionResult> out;
  for (auto& [t, s] : ordered) out.push_back(std::move(s));
  return out;
}

}  // namespace lumbo::store
