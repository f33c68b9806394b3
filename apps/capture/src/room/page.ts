/**
 * The room's one HTML page. No inline script or style (the CSP allows only same-origin files): the
 * client bundle fills `#app` screen by screen. The token is read by the client from the URL fragment.
 */
export function roomPageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Interview room · Poise</title>
<link rel="stylesheet" href="/room/assets/room.css">
<script type="module" src="/room/assets/room.js"></script>
</head>
<body>
<header class="topbar">
  <span class="brand">Poise · interview room</span>
  <span id="connection" class="connection" data-testid="connection-state" data-state="offline" role="status" aria-live="polite">Not connected</span>
</header>
<main id="app" tabindex="-1">
  <p class="loading">Loading the interview room…</p>
  <noscript><p class="error">The interview room needs JavaScript to use your camera and microphone.</p></noscript>
</main>
</body>
</html>
`;
}
