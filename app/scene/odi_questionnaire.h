// The Oswestry Disability Index as the headset asks it: each of its ten sections' topic and its
// six answers (0 none to 5 most), shortened to fit one line of a panel each; the scores are the
// questionnaire's own (Fairbank and Pynsent, Spine 2000).
#pragma once

#include <array>

#include "app/session/guided_session.h"

namespace lumbo::app {

struct OdiSection {
  const char* topic;
  std::array<const char*, 6> answers;  // index = score
};

inline constexpr std::array<OdiSection, kOdiSections> kOdiQuestionnaire{{
    {"Pain intensity", {"No pain now", "Very mild pain", "Moderate pain", "Fairly severe pain", "Very severe pain",
                        "Worst imaginable pain"}},
    {"Washing, dressing", {"Normal, no extra pain", "Normal, but painful", "Slow and careful: painful",
                           "Need some help", "Need help every day", "Cannot, stay in bed"}},
    {"Lifting", {"Heavy weights, no pain", "Heavy, with extra pain", "Only from a table", "Light, from a table",
                 "Only very light things", "Cannot lift or carry"}},
    {"Walking", {"Any distance", "Not more than 1 mile", "Not more than 1/2 mile", "Not more than 100 yards",
                 "Only with a stick", "In bed most of the time"}},
    {"Sitting", {"Any chair, as long as I like", "My favourite chair only", "Not more than 1 hour",
                 "Not more than 1/2 hour", "Not more than 10 minutes", "Cannot sit at all"}},
    {"Standing", {"As long as I like", "Long, with extra pain", "Not more than 1 hour", "Not more than 1/2 hour",
                  "Not more than 10 minutes", "Cannot stand at all"}},
    {"Sleeping", {"Pain never disturbs it", "Occasionally disturbed", "Less than 6 hours", "Less than 4 hours",
                  "Less than 2 hours", "Cannot sleep at all"}},
    {"Sex life (if any)", {"Normal, no extra pain", "Normal, some extra pain", "Nearly normal, very painful",
                           "Severely restricted", "Nearly absent", "Prevented by pain"}},
    {"Social life", {"Normal, no extra pain", "Normal, more pain", "Only energetic ones limited",
                     "Restricted, go out less", "Restricted to my home", "None because of pain"}},
    {"Travelling", {"Anywhere, no pain", "Anywhere, extra pain", "Over 2 hours, painful", "Less than 1 hour",
                    "Less than 30 minutes", "Only for treatment"}},
}};

}  // namespace lumbo::app
