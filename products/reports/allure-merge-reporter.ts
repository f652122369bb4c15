// allure-playwright for `playwright merge-reports` (merge.config.ts). When merging blob reports, Playwright calls a
// reporter's onConfigure before it has announced any project, and allure-playwright 3 reads
// config.projects[0].outputDir there (TypeError; the merge then exits 1). Its outputDir/snapshotDir only serve to
// pair screenshot diffs, which this suite has none of; everything else is allure-playwright unchanged.
import { AllureReporter } from 'allure-playwright';
import type { FullConfig } from '@playwright/test/reporter';

export default class MergeAllureReporter extends AllureReporter {
  override onConfigure(config: FullConfig): void {
    if (config.projects.length) {
      super.onConfigure(config);
      return;
    }
    this.config = config;
  }
}
