package dev.poststack.dashboard.asset;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's template needs besides its own data: where htmx is served. */
@ControllerAdvice(basePackages = "dev.poststack.dashboard")
class PageModel {
  @ModelAttribute("htmxPath")
  String htmxPath() {
    return AssetRoutes.HTMX_PATH;
  }
}
