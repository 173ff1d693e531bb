// Calls the npm `libretranslate` client once with the JSON options given as the
// first argument and prints {"ok": result} or {"error": message} as JSON.
import lt from "libretranslate";

const options = JSON.parse(process.argv[2]);
try {
  const result = await lt.translate(options);
  console.log(JSON.stringify({ ok: result }));
} catch (error) {
  console.log(JSON.stringify({ error: String(error && error.message || error) }));
}
