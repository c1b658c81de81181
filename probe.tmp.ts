import { sanitizeBody } from "./src/editions/sanitize.js";
const inputs = ["<iframe src=x>", "<textarea>", "<!-- x", "<!-- ok -->", "<math><style>", "<math><mi><style>", "<math><style><!--", "<svg><style>", "<xmp>", "<plaintext>", "<noembed>", "<noframes>", "<title>", "<script>", "<style>", "<![CDATA[", "<div style=\"position:fixed;top:0;color:red\">overlay</div>", "<p style=\"background:url(javascript:alert(1))\">x</p>", "<iframe src=x></iframe>", "<font color=red>f</font>", "<a href=\"javascript:alert(1)\" onclick=\"x()\">l</a>", "<form><input>", "<math><mi>x</mi></math>"];
for (const raw of inputs) {
  const r = sanitizeBody(`<p>BEFORE</p>\n${raw}\n<h2>AFTER</h2><p>tail END</p>`);
  console.log(JSON.stringify(raw).padEnd(45), r.html.includes("END") ? "ok " : "CUT", JSON.stringify(r.removed), JSON.stringify(r.html.replace(/\n/g," ")));
}
