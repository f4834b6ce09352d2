// Placeholder until this output lands.
#include "render/renderer.h"

namespace kbgen {
namespace {

class Pending : public Renderer {
 public:
  const char* name() const override { return "markdown"; }
  bool render(const RenderContext&, const TemplateSet&, StagedOutput&, std::string&) const override {
    return true;
  }
};

}  // namespace

std::unique_ptr<Renderer> make_markdown_renderer() { return std::make_unique<Pending>(); }

}  // namespace kbgen
