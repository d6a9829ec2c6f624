// A User-Agent told in a few words ("Chrome on Linux"), so an admin can tell which screen paired a device;
// the whole string is kept as the cell's title.

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** `on` joins the two in the reader's language ("Chrome on Linux", "Chrome kwenye Linux"). */
export function browserOf(agent: string, on: (browser: string, system: string) => string = (b, s) => `${b} on ${s}`): string {
  const browser = BROWSERS.find(([re]) => re.test(agent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(agent))?.[1];
  if (!browser) return agent.slice(0, 40);
  return system ? on(browser, system) : browser;
}
