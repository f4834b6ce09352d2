// One renderer per output format (cmark's model): each takes the shared
// render context and the template set and writes its files into the staged
// output. Adding a format is adding a renderer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "output/output.h"
#include "render/context.h"
#include "render/templates.h"

namespace kbgen {

class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual const char* name() const = 0;  // as in --only: "html", "markdown", "runbook", "json"
  virtual bool render(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out,
                      std::string& error) const = 0;
};

std::unique_ptr<Renderer> make_html_renderer();      // render/html.cc
std::unique_ptr<Renderer> make_markdown_renderer();  // render/markdown.cc
std::unique_ptr<Renderer> make_runbook_renderer();   // render/runbook.cc
std::unique_ptr<Renderer> make_json_renderer();      // render/json_api.cc

}  // namespace kbgen
