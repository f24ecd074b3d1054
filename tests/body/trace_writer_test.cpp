// Writing lumbo-trace v1: exact round trips, device subsets, invalid samples, atomic commit.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "body/trace.h"
#include "body/trace_writer.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

using test::TempDir;

Trace makeTrace() {
  Trace t;
  t.metadata.set("exercise", "bridge");
  t.metadata.set("neutral", "0.0-1.0");
  t.layout.devices.set(index(Device::Head));
  t.layout.devices.set(index(Device::Lumbar));
  t.layout.validColumns.set(index(Device::Lumbar));
  t.layout.groundTruth = {"gt_lumbar_flexion_deg"};
  t.layout.extra = {"note"};
  for (int i = 0; i < 50; ++i) {
    TraceSample s;
    s.frame.timeS = 0.1 * i + 1.0 / 3.0;  // not representable in few decimals
    s.frame[Device::Head].valid = true;
    s.frame[Device::Head].pose.positionM = {0.1 * i, 1.6 + 1e-7 * i, -0.3};
    s.frame[Device::Head].pose.orientation =
        glm::normalize(glm::angleAxis(0.01 * i + 0.123456789, glm::normalize(glm::dvec3(1, 2, 3))));
    s.frame[Device::Lumbar].valid = i % 7 != 3;
    if (s.frame[Device::Lumbar].valid) {
      s.frame[Device::Lumbar].pose.positionM = {0.0, 1.0, std::sqrt(2.0) * i};
    }
    s.groundTruth = {i % 5 == 0 ? std::nan("") : 1.0 / (i + 1)};
    s.extra = {i % 2 ? "odd" : ""};
    t.samples.push_back(s);
  }
  return t;
}

TEST(TraceWriter, RoundTripIsExact) {
  TempDir dir;
  const Trace original = makeTrace();
  ASSERT_TRUE(writeTrace(dir / "t.csv", original).ok());
  const auto back = readTrace(dir / "t.csv");
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->metadata.entries(), original.metadata.entries());
  EXPECT_EQ(back->layout.devices, original.layout.devices);
  EXPECT_EQ(back->layout.validColumns, original.layout.validColumns);
  EXPECT_EQ(back->layout.groundTruth, original.layout.groundTruth);
  EXPECT_EQ(back->layout.extra, original.layout.extra);
  ASSERT_EQ(back->samples.size(), original.samples.size());
  for (std::size_t i = 0; i < original.samples.size(); ++i) {
    const auto& a = original.samples[i];
    const auto& b = back->samples[i];
    EXPECT_EQ(a.frame.timeS, b.frame.timeS);
    for (Device d : {Device::Head, Device::Lumbar}) {
      ASSERT_EQ(a.frame.valid(d), b.frame.valid(d)) << i;
      if (!a.frame.valid(d)) continue;
      EXPECT_EQ(a.frame[d].pose.positionM, b.frame[d].pose.positionM) << i;
      // Renormalisation on read may move the last bit.
      EXPECT_NEAR(glm::dot(a.frame[d].pose.orientation, b.frame[d].pose.orientation), 1.0, 1e-14);
    }
    EXPECT_FALSE(b.frame.valid(Device::Pelvis));
    EXPECT_EQ(std::isnan(a.groundTruth[0]), std::isnan(b.groundTruth[0]));
    if (!std::isnan(a.groundTruth[0])) {
      EXPECT_EQ(a.groundTruth[0], b.groundTruth[0]);
    }
    EXPECT_EQ(a.extra, b.extra);
  }
}

TEST(TraceWriter, FixedDecimalsWriteCompactCells) {
  TempDir dir;
  Trace t = makeTrace();
  auto w = TraceWriter::open(dir / "t.csv", t.layout, t.metadata, {4, 5, 3});
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->write(t.samples[1]).ok());
  ASSERT_TRUE(w->commit().ok());
  std::ifstream in(dir / "t.csv");
  std::string line, last;
  while (std::getline(in, line)) last = line;
  EXPECT_EQ(last.substr(0, last.find(',')), "0.433");
  EXPECT_NE(last.find(",0.1000,1.6000,-0.3000,"), std::string::npos) << last;
}

TEST(TraceWriter, NothingAppearsUntilCommit) {
  TempDir dir;
  const Trace t = makeTrace();
  const auto target = dir / "t.csv";
  {
    auto w = TraceWriter::open(target, t.layout, t.metadata);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->write(t.samples[0]).ok());
    EXPECT_FALSE(std::filesystem::exists(target));
    // Destroyed without commit: as if the program died mid-write.
  }
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "temporary file left behind";
}

TEST(TraceWriter, RejectsASampleThatDoesNotMatchTheLayout) {
  TempDir dir;
  Trace t = makeTrace();
  auto w = TraceWriter::open(dir / "t.csv", t.layout, t.metadata);
  ASSERT_TRUE(w.ok());
  TraceSample s = t.samples[0];
  s.groundTruth.clear();
  EXPECT_FALSE(w->write(s).ok());
}

TEST(TraceWriter, UnwritableFolderIsAnError) {
  const Trace t = makeTrace();
  const Status st = writeTrace("/nonexistent/folder/t.csv", t);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().find("/nonexistent/folder/t.csv"), std::string::npos);
}

TEST(TraceWriter, RealRecordingSurvivesARoundTrip) {
  TempDir dir;
  const auto original = readTrace(test::testData("m05_s02_sit_to_stand_correct.csv"));
  ASSERT_TRUE(original.ok()) << original.error();
  ASSERT_TRUE(writeTrace(dir / "copy.csv", *original).ok());
  const auto back = readTrace(dir / "copy.csv");
  ASSERT_TRUE(back.ok()) << back.error();
  ASSERT_EQ(back->samples.size(), original->samples.size());
  std::size_t invalid = 0;
  for (std::size_t i = 0; i < back->samples.size(); ++i) {
    for (Device d : kAllDevices) {
      ASSERT_EQ(back->samples[i].frame.valid(d), original->samples[i].frame.valid(d));
      invalid += original->layout.devices.test(index(d)) && !original->samples[i].frame.valid(d);
      if (back->samples[i].frame.valid(d)) {
        EXPECT_EQ(back->samples[i].frame[d].pose.positionM, original->samples[i].frame[d].pose.positionM);
      }
    }
  }
  (void)invalid;
}

}  // namespace
}  // namespace lumbo
