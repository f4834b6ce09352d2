// pipeline: what --stats adds up.
#include <catch2/catch.hpp>

#include "pipeline.h"

using namespace kbgen;

TEST_CASE("stage_total adds the stages and leaves their parts out", "[pipeline]") {
  const StageTimes times = {{"load", 0.5},
                            {"render", 2.0},
                            {std::string(kStagePart) + "prepare", 0.5},
                            {std::string(kStagePart) + "html", 1.5},
                            {"swap in", 0.25}};
  CHECK(stage_total(times) == Approx(2.75));
  CHECK(stage_total({}) == 0.0);
  // A stage whose name merely contains spaces is still a stage.
  CHECK(stage_total({{"render keys", 1.0}, {"a  b", 1.0}}) == Approx(2.0));
}
