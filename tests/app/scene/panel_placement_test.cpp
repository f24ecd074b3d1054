// Where the panels go, for every starting position (standing, sitting, supine, four-point
// kneeling): projected into the person's view from the eyes, towards where they look, the panels
// overlap neither the mirror nor its side view and stay within the view.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <glm/geometric.hpp>

#include "app/scene/mirror_scene.h"
#include "app/scene/ui_panels.h"

namespace lumbo::app {
namespace {

const glm::vec3 kUp{0.0f, 1.0f, 0.0f};

// A person at neutral in a starting position: the tracked points of the body (every avatar part
// lies between them), the eyes, where they look, and the axes the placements take.
struct Body {
  const char* name;
  NeutralPosition calibratedAs;
  glm::vec3 headM;
  glm::vec3 pelvisM;
  glm::vec3 anterior;
  glm::vec3 superior;
  glm::vec3 lookDirection;  // at the mirror: ahead standing and sitting, up lying, down-ahead kneeling
  std::vector<glm::vec3> pointsM;
};

std::vector<Body> bodies() {
  const glm::vec3 ahead(0.0f, 0.0f, -1.0f);
  return {
      {"standing", NeutralPosition::Standing, {0, 1.65f, 0}, {0, 1.0f, 0}, ahead, kUp, ahead,
       {{0, 1.65f, 0}, {0, 1.35f, 0}, {0, 1.0f, 0}, {-0.25f, 0.85f, 0}, {0.25f, 0.85f, 0}, {-0.12f, 0.05f, 0}, {0.12f, 0.05f, 0}}},
      // Arms overhead, the head 0.4 m ahead of the pelvis (as in the demo's recording): the mirror,
      // 2 m from the pelvis, is nearer the eyes and looks wider.
      {"standing, leaning in", NeutralPosition::Standing, {0, 1.55f, -0.4f}, {0, 0.96f, 0}, ahead, kUp, ahead,
       {{0, 1.55f, -0.4f}, {0, 1.3f, -0.2f}, {0, 0.96f, 0}, {-0.25f, 1.9f, -0.3f}, {0.25f, 1.9f, -0.3f}, {-0.12f, 0.05f, 0}, {0.12f, 0.05f, 0}}},
      // Sitting calibrates against the standing neutral (exercises' sitting start), eyes lower.
      {"sitting", NeutralPosition::Standing, {0, 1.25f, 0}, {0, 0.55f, 0.05f}, ahead, kUp, ahead,
       {{0, 1.25f, 0}, {0, 0.95f, 0}, {0, 0.55f, 0.05f}, {-0.2f, 0.6f, -0.3f}, {0.2f, 0.6f, -0.3f}, {-0.15f, 0.05f, -0.45f}, {0.15f, 0.05f, -0.45f}}},
      {"supine", NeutralPosition::Supine, {0, 0.2f, -0.75f}, {0, 0.15f, 0}, kUp, ahead, glm::normalize(glm::vec3(0, 1, -0.2f)),
       {{0, 0.2f, -0.75f}, {0, 0.2f, -0.45f}, {0, 0.15f, 0}, {-0.25f, 0.1f, -0.1f}, {0.25f, 0.1f, -0.1f}, {-0.12f, 0.05f, 0.6f}, {0.12f, 0.05f, 0.6f}}},
      {"four-point kneeling", NeutralPosition::FourPointKneeling, {0, 0.75f, -0.6f}, {0, 0.75f, 0.1f}, -kUp, ahead,
       glm::normalize(glm::vec3(0, -0.5f, -1.0f)),
       {{0, 0.75f, -0.6f}, {0, 0.75f, -0.3f}, {0, 0.75f, 0.1f}, {-0.2f, 0.05f, -0.5f}, {0.2f, 0.05f, -0.5f}, {-0.12f, 0.1f, 0.6f}, {0.12f, 0.1f, 0.6f}}},
  };
}

// A rectangle in the view: tangents of the angles right and up of the look direction.
struct ViewRect {
  glm::vec2 min{1e9f};
  glm::vec2 max{-1e9f};
  bool behind = false;
  void add(const glm::vec2& p) {
    min = glm::min(min, p);
    max = glm::max(max, p);
  }
  bool overlaps(const ViewRect& o) const {
    return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
  }
};

struct View {
  glm::vec3 eyeM;
  glm::vec3 forward;
  glm::vec3 right;
  glm::vec3 up;
  View(const glm::vec3& eye, const glm::vec3& look) : eyeM(eye), forward(glm::normalize(look)) {
    const glm::vec3 preferred = std::abs(forward.y) > 0.9f ? glm::vec3(0, 0, -1) : kUp;
    right = glm::normalize(glm::cross(forward, preferred));
    up = glm::cross(right, forward);
  }
  void add(ViewRect& r, const glm::vec3& pM, float radiusM = 0.0f) const {
    const glm::vec3 d = pM - eyeM;
    const float depth = glm::dot(d, forward);
    if (depth <= 0.05f) {
      r.behind = true;
      return;
    }
    const glm::vec2 c(glm::dot(d, right) / depth, glm::dot(d, up) / depth);
    const float g = radiusM / depth;
    r.add(c - glm::vec2(g));
    r.add(c + glm::vec2(g));
  }
};

ViewRect quadRect(const View& v, const render::TexturedQuad& q) {
  ViewRect r;
  for (float s : {-1.0f, 1.0f}) {
    for (float t : {-1.0f, 1.0f}) v.add(r, q.centreM + s * q.halfWidthM + t * q.halfHeightM);
  }
  return r;
}

float degrees(float tangent) { return std::atan(tangent) * 180.0f / 3.14159265f; }

std::string describe(const ViewRect& r) {
  char text[128];
  std::snprintf(text, sizeof text, "[%.0f..%.0f deg right, %.0f..%.0f deg up]", degrees(r.min.x), degrees(r.max.x),
                degrees(r.min.y), degrees(r.max.y));
  return text;
}

TEST(PanelPlacement, PanelsClearOfTheMirrorAndTheSideViewInEveryStartingPosition) {
  UiPanels ui;
  for (const Body& body : bodies()) {
    SCOPED_TRACE(body.name);
    const MirrorPlacement mirror = mirrorPlacementFor(body.calibratedAs, body.pelvisM, body.anterior, body.superior);
    ui.place(viewerFrameFor(body.calibratedAs, body.headM, body.anterior, body.superior, mirror));
    // The body as spheres at its tracked points, reflected and copied into the side view by the
    // mirror's own code; the glass and frame are the capsules it adds last.
    render::Scene scene;
    for (const glm::vec3& p : body.pointsM) scene.spheres.push_back({p, 0.15f, {1, 1, 1, 1}});
    const std::size_t bodySpheres = scene.spheres.size();
    const std::size_t bodyCapsules = scene.capsules.size();
    appendMirror(scene, mirror, 0, 0);
    const View view(body.headM, body.lookDirection);
    ViewRect glass;
    const glm::vec3 across = glm::normalize(glm::cross(mirror.up, mirror.normal));
    for (float s : {-0.5f, 0.5f}) {
      for (float t : {-0.5f, 0.5f}) view.add(glass, mirror.centreM + s * mirror.sizeM.x * across + t * mirror.sizeM.y * mirror.up);
    }
    for (std::size_t i = bodyCapsules; i < scene.capsules.size(); ++i) {
      view.add(glass, scene.capsules[i].aM, scene.capsules[i].radiusM);
      view.add(glass, scene.capsules[i].bM, scene.capsules[i].radiusM);
    }
    ASSERT_EQ(scene.spheres.size(), 3 * bodySpheres) << "reflection and side view";
    ViewRect side;
    for (std::size_t i = 2 * bodySpheres; i < scene.spheres.size(); ++i) view.add(side, scene.spheres[i].centreM, scene.spheres[i].radiusM);
    EXPECT_FALSE(glass.behind);
    EXPECT_FALSE(side.behind);
    for (PanelId panel : {PanelId::Session, PanelId::Controls}) {
      const ViewRect p = quadRect(view, ui.quad(panel));
      std::printf("%s %s: panel %s mirror %s side %s\n", body.name, panel == PanelId::Session ? "session" : "controls",
                  describe(p).c_str(), describe(glass).c_str(), describe(side).c_str());
      EXPECT_FALSE(p.behind);
      EXPECT_FALSE(p.overlaps(glass)) << describe(p) << " covers the mirror " << describe(glass);
      EXPECT_FALSE(p.overlaps(side)) << describe(p) << " covers the side view " << describe(side);
      // Where the person looks: within 60 degrees of the line of sight to the mirror (a glance
      // and a turn of the head), never behind them or at the edge of a headset's view.
      for (float t : {p.min.x, p.max.x, p.min.y, p.max.y}) EXPECT_LT(std::abs(degrees(t)), 60.0f) << describe(p);
      // Above the floor, every corner.
      const render::TexturedQuad& q = ui.quad(panel);
      for (float s : {-1.0f, 1.0f}) {
        for (float t : {-1.0f, 1.0f}) EXPECT_GT((q.centreM + s * q.halfWidthM + t * q.halfHeightM).y, 0.02f);
      }
    }
  }
}

}  // namespace
}  // namespace lumbo::app
