(function () {
  // `js` on <html> before first paint: CSS shows the live widgets and the search and theme
  // controls only when scripts run, and the chapter's static figures otherwise.
  document.documentElement.classList.add('js');
  try {
    var choice = localStorage.getItem('fdl-theme');
    var dark =
      choice === 'dark' ||
      (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  } catch {
    document.documentElement.dataset.theme = 'light';
  }
})();
