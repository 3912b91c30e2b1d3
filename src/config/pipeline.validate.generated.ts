/* Generated from schemas/pipeline.schema.json by `npm run gen:validator` (ajv standalone). Do not edit by hand. */
// @ts-nocheck
/* eslint-disable */
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://odw.dev/schemas/pipeline.schema.json","title":"odw pipeline","description":"A pipeline file for odw: inputs, agent runtimes, workspace preparation and a graph of stages.","type":"object","additionalProperties":false,"properties":{"$schema":{"type":"string","description":"Optional schema reference for editors."},"name":{"type":"string","description":"Short name shown in runs list and reports."},"description":{"type":"string","description":"What the pipeline does."},"extends":{"type":"string","minLength":1,"description":"Pipeline this one extends: a path relative to this file, or odw:<name> for a pipeline shipped with odw."},"inputs":{"type":"object","description":"Typed inputs, given on the command line as --input key=value or --input key=@path.","propertyNames":{"$ref":"#/$defs/identifier"},"additionalProperties":{"$ref":"#/$defs/input"}},"runtimes":{"type":"object","description":"Named agent profiles that stages refer to by name.","propertyNames":{"$ref":"#/$defs/identifier"},"additionalProperties":{"$ref":"#/$defs/runtime"}},"workspace":{"$ref":"#/$defs/workspace"},"budget":{"$ref":"#/$defs/budget"},"answerPolicy":{"type":"string","minLength":1,"description":"What odw answers when an agent asks a question instead of finishing. Default: proceed with reasonable defaults and finish the task."},"concurrency":{"type":"integer","minimum":1,"maximum":64,"description":"How many stages (and agent calls within a stage) may run at once. Default: 4."},"stages":{"type":"array","minItems":1,"description":"The stage graph. Stages run in parallel unless ordered by needs.","items":{"$ref":"#/$defs/stage"}}},"$defs":{"identifier":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*$","description":"Letters, digits, _ and -, starting with a letter or _."},"duration":{"description":"A duration: 90s, 30m, 2h, 500ms, or a bare number of seconds.","anyOf":[{"type":"number","exclusiveMinimum":0},{"type":"string","pattern":"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"}]},"expression":{"type":"string","minLength":1,"description":"A condition over inputs and earlier stage results, e.g. inputs.check != '' && stages.build.status == 'succeeded'. May be wrapped in ${{ }}."},"stageRefs":{"description":"One stage id, or a list of them.","anyOf":[{"$ref":"#/$defs/identifier"},{"type":"array","minItems":1,"items":{"$ref":"#/$defs/identifier"}}]},"stringList":{"type":"array","items":{"type":"string","minLength":1}},"stringMap":{"type":"object","additionalProperties":{"type":"string"}},"input":{"type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"enum":["string","file","number","boolean"],"description":"file: a path to a file read by the pipeline."},"description":{"type":"string"},"default":{"type":["string","number","boolean"]},"required":{"type":"boolean","description":"Fail before running when no value and no default is given."}}},"runtime":{"type":"object","additionalProperties":false,"required":["agent"],"properties":{"agent":{"enum":["codex","claude","command"],"description":"Which adapter runs this profile."},"model":{"type":"string"},"effort":{"type":"string","description":"Reasoning effort passed to the agent, e.g. low, medium, high."},"permission":{"enum":["read-only","workspace-write","full-access"],"description":"What the agent may do: read-only, workspace-write (edit files in its workspace) or full-access."},"timeout":{"$ref":"#/$defs/duration"},"bin":{"type":"string","minLength":1,"description":"Path of the agent executable."},"args":{"$ref":"#/$defs/stringList","description":"Extra arguments appended to the agent's command line."},"env":{"$ref":"#/$defs/stringMap","description":"Extra environment for the agent (secret values are never recorded; see secrets)."},"secrets":{"type":"array","items":{"type":"string","minLength":1},"description":"Names of variables (inherited or in env) whose values are secrets besides those whose names look like credentials (*KEY, *TOKEN*, *SECRET*, *PASSWORD* …); odw never stores them."},"command":{"$ref":"#/$defs/stringList","description":"argv of a command agent (agent: command)."},"allowedTools":{"$ref":"#/$defs/stringList","description":"claude: tools allowed without asking."},"maxTurns":{"type":"integer","minimum":1,"description":"claude: turn limit."},"schemaAttempts":{"type":"integer","minimum":1,"maximum":10,"description":"Attempts to get a structured answer that matches its schema. Default: 2."},"maxQuestions":{"type":"integer","minimum":0,"maximum":10,"description":"How many questions from the agent are answered before the call fails. Default: 3."},"sandbox":{"description":"Run every call of this profile inside a bubblewrap (bwrap) sandbox: the task's workspace and the call's record folder writable, the rest of the file system read-only, a private /tmp, its own process namespace. true, false (default), or settings. See docs/runtimes.md.","anyOf":[{"type":"boolean"},{"type":"object","additionalProperties":false,"properties":{"writable":{"type":"array","items":{"type":"string","pattern":"^(/|~/|~$)","description":"An absolute path, or one under ~ (the agent's HOME)."},"description":"Extra paths the agent may write (e.g. ~/.npm); paths that do not exist are skipped."}}}]}},"if":{"required":["agent"],"properties":{"agent":{"const":"command"}}},"then":{"required":["command"]}},"workspace":{"type":"object","additionalProperties":false,"description":"How task worktrees are prepared.","properties":{"root":{"type":"string","description":"Where task worktrees are created. Default: a folder outside the repository, under the system temp directory."},"copy":{"$ref":"#/$defs/stringList","description":"Paths or globs copied from the user's tree into each worktree (e.g. .env)."},"link":{"$ref":"#/$defs/stringList","description":"Paths symlinked from the user's tree into each worktree (e.g. node_modules)."},"setup":{"$ref":"#/$defs/stringList","description":"Shell commands run in each new worktree."},"ignore":{"$ref":"#/$defs/stringList","description":"Globs excluded from captured patches."}}},"budget":{"type":"object","additionalProperties":false,"description":"Limits for the whole run; once one is reached no new agent call starts.","properties":{"tokens":{"type":"integer","minimum":1},"usd":{"type":"number","exclusiveMinimum":0},"minutes":{"type":"number","exclusiveMinimum":0}}},"loop":{"type":"object","additionalProperties":false,"required":["max"],"description":"Repeat this group's stages until a condition holds, at most max rounds.","properties":{"max":{"description":"Round ceiling: a number, or an expression such as inputs.maxRounds.","anyOf":[{"type":"integer","minimum":1,"maximum":100},{"$ref":"#/$defs/expression"}]},"until":{"$ref":"#/$defs/expression","description":"Checked after each round; the loop ends when it is true."},"onExhausted":{"enum":["fail","succeed"],"default":"fail","description":"When the last round ends and until still does not hold: fail (default; the loop fails with loop_exhausted, or with the cause a stage of its last round gave, e.g. review_rounds_exhausted) or succeed (the loop ends as succeeded, with outputs.exhausted true)."}}},"stage":{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"$ref":"#/$defs/identifier","description":"Unique stage id."},"name":{"type":"string","description":"Label shown in progress and reports."},"uses":{"enum":["exec","plan","fanout","review","repair","apply","verify"],"description":"The stage kind."},"needs":{"description":"Stages that must finish before this one starts.","anyOf":[{"$ref":"#/$defs/identifier"},{"type":"array","items":{"$ref":"#/$defs/identifier"}}]},"when":{"$ref":"#/$defs/expression","description":"Run only when this condition is true; otherwise the stage is skipped. Without success(), failure() or always() in it, success() is implied: nothing earlier failed."},"runtime":{"type":"string","description":"Runtime profile name used by agent stages."},"with":{"type":"object","description":"Settings of the stage kind."},"loop":{"$ref":"#/$defs/loop"},"stages":{"type":"array","minItems":1,"description":"Stages of a loop group, repeated each round.","items":{"$ref":"#/$defs/stage"}}},"allOf":[{"if":{"required":["loop"]},"then":{"required":["stages"],"not":{"required":["uses"]}}},{"if":{"required":["stages"]},"then":{"required":["loop"]}},{"if":{"required":["uses"],"properties":{"uses":{"const":"exec"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-exec"}},"required":["with"]}},{"if":{"required":["uses"],"properties":{"uses":{"const":"plan"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-plan"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"fanout"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-fanout"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"review"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-review"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"repair"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-repair"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"apply"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-apply"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"verify"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-verify"}}}}]},"prompt":{"type":"string","minLength":1,"description":"Prompt text (a handlebars template), or the path of a .hbs file relative to the pipeline file."},"with-exec":{"type":"object","additionalProperties":false,"required":["run"],"properties":{"run":{"description":"Shell command(s), run one after another with /bin/sh in the repository (or cwd). Handlebars templates over the run context.","anyOf":[{"type":"string","minLength":1},{"$ref":"#/$defs/stringList","minItems":1}]},"cwd":{"type":"string","description":"Working directory, relative to the repository."},"env":{"$ref":"#/$defs/stringMap"},"timeout":{"$ref":"#/$defs/duration"},"continueOnError":{"type":"boolean","description":"A failing command does not fail the run; the stage's status is still failed."}}},"with-plan":{"type":"object","additionalProperties":false,"properties":{"prompt":{"$ref":"#/$defs/prompt","description":"Planner prompt; its context has `request`."},"tasks":{"type":"string","description":"Template rendering to a tasks document (YAML or JSON), e.g. {{files.tasks}}. When it is not empty, planning is skipped."},"request":{"type":"string","description":"Template rendering to what the planner is asked, e.g. {{inputs.request}}."},"allowSharedFiles":{"type":"boolean","description":"Let two tasks own the same path."},"allowUndeclaredFiles":{"type":"boolean","description":"Let a task own no files: it may then change any file no other task owns."}}},"with-fanout":{"type":"object","additionalProperties":false,"properties":{"prompt":{"$ref":"#/$defs/prompt","description":"Implementer prompt; its context has `task`, `tasks`, `round`, `verify`."},"plan":{"$ref":"#/$defs/identifier","description":"The plan stage whose tasks are implemented. Default: the one plan stage upstream (in needs, transitively)."},"seedFrom":{"$ref":"#/$defs/stageRefs","description":"Fanout or repair stages (upstream) whose patches every workspace starts from; this stage's patches hold only its own changes. Default: none."},"concurrency":{"type":"integer","minimum":1,"maximum":64,"description":"How many tasks run at once. Default: the pipeline's concurrency."}}},"excerpt":{"type":"object","additionalProperties":false,"description":"How much of a failing check's output blockers, reports and prompts show: its failure blocks, then its last lines (the whole output stays in the stage's log).","properties":{"maxLines":{"type":"integer","minimum":10,"description":"Most lines. Default: 80."},"maxChars":{"type":"integer","minimum":500,"description":"Most characters. Default: 8000."}}},"with-review":{"type":"object","additionalProperties":false,"properties":{"prompt":{"$ref":"#/$defs/prompt","description":"Reviewer prompt; its context has `reviewer`, `diff`, `candidate`, `tasks`, `check`, `round`, and `change` (`source`, `base`, `from`, `head`) for a review of an existing change."},"check":{"type":"string","description":"Shell command run in the candidate workspace, e.g. {{inputs.check}}; a failure is a blocker."},"excerpt":{"$ref":"#/$defs/excerpt"},"reviewers":{"type":"array","description":"Reviewer agents, run in parallel, each with its own id. Left out: one, on the stage's runtime.","items":{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"$ref":"#/$defs/identifier"},"runtime":{"type":"string","description":"Runtime profile. Default: the stage's runtime."},"perspective":{"type":"string","description":"What this reviewer looks for."}}}},"policy":{"enum":["any-reject","majority"],"description":"any-reject (default): one reject rejects; majority: rejects must outnumber approvals."},"from":{"$ref":"#/$defs/stageRefs","description":"Fanout or repair stages (upstream) whose patches, combined in this order, make the candidate; the repairs of this review replace them in later rounds. Default: the one fanout or repair stage upstream."},"base":{"type":"string","minLength":1,"description":"Review an existing change instead of a fanout's: HEAD against this revision (a branch, tag or commit; a template, e.g. {{inputs.base}}), as `git diff <base>...HEAD` shows it (from their merge base)."},"worktree":{"type":"boolean","description":"Review an existing change instead of a fanout's: the uncommitted changes of your working tree (staged, unstaged and untracked files) against HEAD."},"maxDiffChars":{"type":"integer","minimum":1000,"description":"Longest diff put into a reviewer prompt. Default: 50000."},"allowOutsideSymlinks":{"type":"boolean","description":"Let the candidate add symlinks whose target is absolute or outside the repository (default false: such a symlink is a symlink_outside_repo blocker)."},"timeout":{"$ref":"#/$defs/duration"}}},"with-repair":{"type":"object","additionalProperties":false,"properties":{"prompt":{"$ref":"#/$defs/prompt","description":"Repair prompt; its context has `task`, `tasks`, `feedback`, `round`, `verify`."},"review":{"$ref":"#/$defs/identifier","description":"The review stage (upstream) whose blockers are repaired. Default: the one review stage upstream."},"maxFeedbackChars":{"type":"integer","minimum":100,"description":"Longest feedback given to a repaired task. Default: 12000."}}},"with-apply":{"type":"object","additionalProperties":false,"properties":{"review":{"$ref":"#/$defs/stageRefs","description":"The review stage(s) (upstream) whose approved candidates are applied, combined into one change. Default: the one review stage upstream."},"commit":{"type":"object","additionalProperties":false,"required":["branch","message"],"description":"Commit the applied change on a new branch (odw never commits otherwise).","properties":{"branch":{"type":"string"},"message":{"type":"string"}}}}},"with-verify":{"type":"object","additionalProperties":false,"properties":{"check":{"type":"string","description":"Shell command run on the applied tree, read-only, e.g. {{inputs.check}}."},"excerpt":{"$ref":"#/$defs/excerpt"},"timeout":{"$ref":"#/$defs/duration"}}}}};
const schema32 = {"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*$","description":"Letters, digits, _ and -, starting with a letter or _."};
const schema33 = {"type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"enum":["string","file","number","boolean"],"description":"file: a path to a file read by the pipeline."},"description":{"type":"string"},"default":{"type":["string","number","boolean"]},"required":{"type":"boolean","description":"Fail before running when no value and no default is given."}}};
const schema46 = {"type":"object","additionalProperties":false,"description":"Limits for the whole run; once one is reached no new agent call starts.","properties":{"tokens":{"type":"integer","minimum":1},"usd":{"type":"number","exclusiveMinimum":0},"minutes":{"type":"number","exclusiveMinimum":0}}};
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const pattern4 = new RegExp("^[A-Za-z_][A-Za-z0-9_-]*$", "u");
const schema35 = {"type":"object","additionalProperties":false,"required":["agent"],"properties":{"agent":{"enum":["codex","claude","command"],"description":"Which adapter runs this profile."},"model":{"type":"string"},"effort":{"type":"string","description":"Reasoning effort passed to the agent, e.g. low, medium, high."},"permission":{"enum":["read-only","workspace-write","full-access"],"description":"What the agent may do: read-only, workspace-write (edit files in its workspace) or full-access."},"timeout":{"$ref":"#/$defs/duration"},"bin":{"type":"string","minLength":1,"description":"Path of the agent executable."},"args":{"$ref":"#/$defs/stringList","description":"Extra arguments appended to the agent's command line."},"env":{"$ref":"#/$defs/stringMap","description":"Extra environment for the agent (secret values are never recorded; see secrets)."},"secrets":{"type":"array","items":{"type":"string","minLength":1},"description":"Names of variables (inherited or in env) whose values are secrets besides those whose names look like credentials (*KEY, *TOKEN*, *SECRET*, *PASSWORD* …); odw never stores them."},"command":{"$ref":"#/$defs/stringList","description":"argv of a command agent (agent: command)."},"allowedTools":{"$ref":"#/$defs/stringList","description":"claude: tools allowed without asking."},"maxTurns":{"type":"integer","minimum":1,"description":"claude: turn limit."},"schemaAttempts":{"type":"integer","minimum":1,"maximum":10,"description":"Attempts to get a structured answer that matches its schema. Default: 2."},"maxQuestions":{"type":"integer","minimum":0,"maximum":10,"description":"How many questions from the agent are answered before the call fails. Default: 3."},"sandbox":{"description":"Run every call of this profile inside a bubblewrap (bwrap) sandbox: the task's workspace and the call's record folder writable, the rest of the file system read-only, a private /tmp, its own process namespace. true, false (default), or settings. See docs/runtimes.md.","anyOf":[{"type":"boolean"},{"type":"object","additionalProperties":false,"properties":{"writable":{"type":"array","items":{"type":"string","pattern":"^(/|~/|~$)","description":"An absolute path, or one under ~ (the agent's HOME)."},"description":"Extra paths the agent may write (e.g. ~/.npm); paths that do not exist are skipped."}}}]}},"if":{"required":["agent"],"properties":{"agent":{"const":"command"}}},"then":{"required":["command"]}};
const schema36 = {"description":"A duration: 90s, 30m, 2h, 500ms, or a bare number of seconds.","anyOf":[{"type":"number","exclusiveMinimum":0},{"type":"string","pattern":"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"}]};
const schema37 = {"type":"array","items":{"type":"string","minLength":1}};
const schema38 = {"type":"object","additionalProperties":{"type":"string"}};
const pattern6 = new RegExp("^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$", "u");
const pattern7 = new RegExp("^(/|~/|~$)", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.agent === undefined) && (missing0 = "agent")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.agent !== undefined){
if("command" !== data.agent){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.command === undefined){
const err2 = {instancePath,schemaPath:"#/then/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema35.then.required,parentSchema:schema35.then,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs4 === errors;
valid0 = _valid0;
}
if(!valid0){
const err3 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema35.if,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.agent === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "agent"},message:"must have required property '"+"agent"+"'",schema:schema35.required,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema35.properties, key0))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.agent !== undefined){
let data1 = data.agent;
if(!(((data1 === "codex") || (data1 === "claude")) || (data1 === "command"))){
const err6 = {instancePath:instancePath+"/agent",schemaPath:"#/properties/agent/enum",keyword:"enum",params:{allowedValues: schema35.properties.agent.enum},message:"must be equal to one of the allowed values",schema:schema35.properties.agent.enum,parentSchema:schema35.properties.agent,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.model !== undefined){
let data2 = data.model;
if(typeof data2 !== "string"){
const err7 = {instancePath:instancePath+"/model",schemaPath:"#/properties/model/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.model.type,parentSchema:schema35.properties.model,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.effort !== undefined){
let data3 = data.effort;
if(typeof data3 !== "string"){
const err8 = {instancePath:instancePath+"/effort",schemaPath:"#/properties/effort/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.effort.type,parentSchema:schema35.properties.effort,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.permission !== undefined){
let data4 = data.permission;
if(!(((data4 === "read-only") || (data4 === "workspace-write")) || (data4 === "full-access"))){
const err9 = {instancePath:instancePath+"/permission",schemaPath:"#/properties/permission/enum",keyword:"enum",params:{allowedValues: schema35.properties.permission.enum},message:"must be equal to one of the allowed values",schema:schema35.properties.permission.enum,parentSchema:schema35.properties.permission,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.timeout !== undefined){
let data5 = data.timeout;
const _errs14 = errors;
let valid4 = false;
const _errs15 = errors;
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 <= 0 || isNaN(data5)){
const err10 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/0/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema36.anyOf[0],data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema36.anyOf[0].type,parentSchema:schema36.anyOf[0],data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid1 = _errs15 === errors;
valid4 = valid4 || _valid1;
const _errs17 = errors;
if(typeof data5 === "string"){
if(!pattern6.test(data5)){
const err12 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"},message:"must match pattern \""+"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"+"\"",schema:"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$",parentSchema:schema36.anyOf[1],data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.anyOf[1].type,parentSchema:schema36.anyOf[1],data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid1 = _errs17 === errors;
valid4 = valid4 || _valid1;
if(!valid4){
const err14 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema36.anyOf,parentSchema:schema36,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
else {
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
}
}
if(data.bin !== undefined){
let data6 = data.bin;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err15 = {instancePath:instancePath+"/bin",schemaPath:"#/properties/bin/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema35.properties.bin,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/bin",schemaPath:"#/properties/bin/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.bin.type,parentSchema:schema35.properties.bin,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.args !== undefined){
let data7 = data.args;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err17 = {instancePath:instancePath+"/args/" + i0,schemaPath:"#/$defs/stringList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.items,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/args/" + i0,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.items.type,parentSchema:schema37.items,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/args",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.type,parentSchema:schema37,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.env !== undefined){
let data9 = data.env;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key1 in data9){
let data10 = data9[key1];
if(typeof data10 !== "string"){
const err20 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/stringMap/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.additionalProperties.type,parentSchema:schema38.additionalProperties,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/env",schemaPath:"#/$defs/stringMap/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.secrets !== undefined){
let data11 = data.secrets;
if(Array.isArray(data11)){
const len1 = data11.length;
for(let i1=0; i1<len1; i1++){
let data12 = data11[i1];
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err22 = {instancePath:instancePath+"/secrets/" + i1,schemaPath:"#/properties/secrets/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema35.properties.secrets.items,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/secrets/" + i1,schemaPath:"#/properties/secrets/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.secrets.items.type,parentSchema:schema35.properties.secrets.items,data:data12};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema35.properties.secrets.type,parentSchema:schema35.properties.secrets,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.command !== undefined){
let data13 = data.command;
if(Array.isArray(data13)){
const len2 = data13.length;
for(let i2=0; i2<len2; i2++){
let data14 = data13[i2];
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err25 = {instancePath:instancePath+"/command/" + i2,schemaPath:"#/$defs/stringList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.items,data:data14};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/command/" + i2,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.items.type,parentSchema:schema37.items,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/command",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.type,parentSchema:schema37,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.allowedTools !== undefined){
let data15 = data.allowedTools;
if(Array.isArray(data15)){
const len3 = data15.length;
for(let i3=0; i3<len3; i3++){
let data16 = data15[i3];
if(typeof data16 === "string"){
if(func2(data16) < 1){
const err28 = {instancePath:instancePath+"/allowedTools/" + i3,schemaPath:"#/$defs/stringList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.items,data:data16};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/allowedTools/" + i3,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.items.type,parentSchema:schema37.items,data:data16};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/allowedTools",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.type,parentSchema:schema37,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.maxTurns !== undefined){
let data17 = data.maxTurns;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err31 = {instancePath:instancePath+"/maxTurns",schemaPath:"#/properties/maxTurns/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema35.properties.maxTurns.type,parentSchema:schema35.properties.maxTurns,data:data17};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 < 1 || isNaN(data17)){
const err32 = {instancePath:instancePath+"/maxTurns",schemaPath:"#/properties/maxTurns/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema35.properties.maxTurns,data:data17};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
if(data.schemaAttempts !== undefined){
let data18 = data.schemaAttempts;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err33 = {instancePath:instancePath+"/schemaAttempts",schemaPath:"#/properties/schemaAttempts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema35.properties.schemaAttempts.type,parentSchema:schema35.properties.schemaAttempts,data:data18};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 10 || isNaN(data18)){
const err34 = {instancePath:instancePath+"/schemaAttempts",schemaPath:"#/properties/schemaAttempts/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10",schema:10,parentSchema:schema35.properties.schemaAttempts,data:data18};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(data18 < 1 || isNaN(data18)){
const err35 = {instancePath:instancePath+"/schemaAttempts",schemaPath:"#/properties/schemaAttempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema35.properties.schemaAttempts,data:data18};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
if(data.maxQuestions !== undefined){
let data19 = data.maxQuestions;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
const err36 = {instancePath:instancePath+"/maxQuestions",schemaPath:"#/properties/maxQuestions/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema35.properties.maxQuestions.type,parentSchema:schema35.properties.maxQuestions,data:data19};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 > 10 || isNaN(data19)){
const err37 = {instancePath:instancePath+"/maxQuestions",schemaPath:"#/properties/maxQuestions/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10",schema:10,parentSchema:schema35.properties.maxQuestions,data:data19};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data19 < 0 || isNaN(data19)){
const err38 = {instancePath:instancePath+"/maxQuestions",schemaPath:"#/properties/maxQuestions/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema35.properties.maxQuestions,data:data19};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
if(data.sandbox !== undefined){
let data20 = data.sandbox;
const _errs53 = errors;
let valid18 = false;
const _errs54 = errors;
if(typeof data20 !== "boolean"){
const err39 = {instancePath:instancePath+"/sandbox",schemaPath:"#/properties/sandbox/anyOf/0/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema35.properties.sandbox.anyOf[0].type,parentSchema:schema35.properties.sandbox.anyOf[0],data:data20};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
var _valid2 = _errs54 === errors;
valid18 = valid18 || _valid2;
const _errs56 = errors;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
for(const key2 in data20){
if(!(key2 === "writable")){
const err40 = {instancePath:instancePath+"/sandbox",schemaPath:"#/properties/sandbox/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema35.properties.sandbox.anyOf[1],data:data20};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data20.writable !== undefined){
let data21 = data20.writable;
if(Array.isArray(data21)){
const len4 = data21.length;
for(let i4=0; i4<len4; i4++){
let data22 = data21[i4];
if(typeof data22 === "string"){
if(!pattern7.test(data22)){
const err41 = {instancePath:instancePath+"/sandbox/writable/" + i4,schemaPath:"#/properties/sandbox/anyOf/1/properties/writable/items/pattern",keyword:"pattern",params:{pattern: "^(/|~/|~$)"},message:"must match pattern \""+"^(/|~/|~$)"+"\"",schema:"^(/|~/|~$)",parentSchema:schema35.properties.sandbox.anyOf[1].properties.writable.items,data:data22};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/sandbox/writable/" + i4,schemaPath:"#/properties/sandbox/anyOf/1/properties/writable/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.sandbox.anyOf[1].properties.writable.items.type,parentSchema:schema35.properties.sandbox.anyOf[1].properties.writable.items,data:data22};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/sandbox/writable",schemaPath:"#/properties/sandbox/anyOf/1/properties/writable/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema35.properties.sandbox.anyOf[1].properties.writable.type,parentSchema:schema35.properties.sandbox.anyOf[1].properties.writable,data:data21};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath:instancePath+"/sandbox",schemaPath:"#/properties/sandbox/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.properties.sandbox.anyOf[1].type,parentSchema:schema35.properties.sandbox.anyOf[1],data:data20};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
var _valid2 = _errs56 === errors;
valid18 = valid18 || _valid2;
if(!valid18){
const err45 = {instancePath:instancePath+"/sandbox",schemaPath:"#/properties/sandbox/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema35.properties.sandbox.anyOf,parentSchema:schema35.properties.sandbox,data:data20};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
else {
errors = _errs53;
if(vErrors !== null){
if(_errs53){
vErrors.length = _errs53;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err46 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.type,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema41 = {"type":"object","additionalProperties":false,"description":"How task worktrees are prepared.","properties":{"root":{"type":"string","description":"Where task worktrees are created. Default: a folder outside the repository, under the system temp directory."},"copy":{"$ref":"#/$defs/stringList","description":"Paths or globs copied from the user's tree into each worktree (e.g. .env)."},"link":{"$ref":"#/$defs/stringList","description":"Paths symlinked from the user's tree into each worktree (e.g. node_modules)."},"setup":{"$ref":"#/$defs/stringList","description":"Shell commands run in each new worktree."},"ignore":{"$ref":"#/$defs/stringList","description":"Globs excluded from captured patches."}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "root") || (key0 === "copy")) || (key0 === "link")) || (key0 === "setup")) || (key0 === "ignore"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.root !== undefined){
let data0 = data.root;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/root",schemaPath:"#/properties/root/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.root.type,parentSchema:schema41.properties.root,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.copy !== undefined){
let data1 = data.copy;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err2 = {instancePath:instancePath+"/copy/" + i0,schemaPath:"#/$defs/stringList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.items,data:data2};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/copy/" + i0,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.items.type,parentSchema:schema37.items,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath:instancePath+"/copy",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.type,parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.link !== undefined){
let data3 = data.link;
if(Array.isArray(data3)){
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
let data4 = data3[i1];
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err5 = {instancePath:instancePath+"/link/" + i1,schemaPath:"#/$defs/stringList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.items,data:data4};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/link/" + i1,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.items.type,parentSchema:schema37.items,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/link",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.type,parentSchema:schema37,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.setup !== undefined){
let data5 = data.setup;
if(Array.isArray(data5)){
const len2 = data5.length;
for(let i2=0; i2<len2; i2++){
let data6 = data5[i2];
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err8 = {instancePath:instancePath+"/setup/" + i2,schemaPath:"#/$defs/stringList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.items,data:data6};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/setup/" + i2,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.items.type,parentSchema:schema37.items,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/setup",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.type,parentSchema:schema37,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.ignore !== undefined){
let data7 = data.ignore;
if(Array.isArray(data7)){
const len3 = data7.length;
for(let i3=0; i3<len3; i3++){
let data8 = data7[i3];
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err11 = {instancePath:instancePath+"/ignore/" + i3,schemaPath:"#/$defs/stringList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.items,data:data8};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/ignore/" + i3,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.items.type,parentSchema:schema37.items,data:data8};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/ignore",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.type,parentSchema:schema37,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema47 = {"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"$ref":"#/$defs/identifier","description":"Unique stage id."},"name":{"type":"string","description":"Label shown in progress and reports."},"uses":{"enum":["exec","plan","fanout","review","repair","apply","verify"],"description":"The stage kind."},"needs":{"description":"Stages that must finish before this one starts.","anyOf":[{"$ref":"#/$defs/identifier"},{"type":"array","items":{"$ref":"#/$defs/identifier"}}]},"when":{"$ref":"#/$defs/expression","description":"Run only when this condition is true; otherwise the stage is skipped. Without success(), failure() or always() in it, success() is implied: nothing earlier failed."},"runtime":{"type":"string","description":"Runtime profile name used by agent stages."},"with":{"type":"object","description":"Settings of the stage kind."},"loop":{"$ref":"#/$defs/loop"},"stages":{"type":"array","minItems":1,"description":"Stages of a loop group, repeated each round.","items":{"$ref":"#/$defs/stage"}}},"allOf":[{"if":{"required":["loop"]},"then":{"required":["stages"],"not":{"required":["uses"]}}},{"if":{"required":["stages"]},"then":{"required":["loop"]}},{"if":{"required":["uses"],"properties":{"uses":{"const":"exec"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-exec"}},"required":["with"]}},{"if":{"required":["uses"],"properties":{"uses":{"const":"plan"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-plan"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"fanout"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-fanout"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"review"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-review"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"repair"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-repair"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"apply"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-apply"}}}},{"if":{"required":["uses"],"properties":{"uses":{"const":"verify"}}},"then":{"properties":{"with":{"$ref":"#/$defs/with-verify"}}}}]};
const schema75 = {"type":"string","minLength":1,"description":"A condition over inputs and earlier stage results, e.g. inputs.check != '' && stages.build.status == 'succeeded'. May be wrapped in ${{ }}."};
const schema48 = {"type":"object","additionalProperties":false,"required":["run"],"properties":{"run":{"description":"Shell command(s), run one after another with /bin/sh in the repository (or cwd). Handlebars templates over the run context.","anyOf":[{"type":"string","minLength":1},{"$ref":"#/$defs/stringList","minItems":1}]},"cwd":{"type":"string","description":"Working directory, relative to the repository."},"env":{"$ref":"#/$defs/stringMap"},"timeout":{"$ref":"#/$defs/duration"},"continueOnError":{"type":"boolean","description":"A failing command does not fail the run; the stage's status is still failed."}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.run === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "run"},message:"must have required property '"+"run"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "run") || (key0 === "cwd")) || (key0 === "env")) || (key0 === "timeout")) || (key0 === "continueOnError"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.run !== undefined){
let data0 = data.run;
const _errs3 = errors;
let valid1 = false;
const _errs4 = errors;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema48.properties.run.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.run.anyOf[0].type,parentSchema:schema48.properties.run.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs4 === errors;
valid1 = valid1 || _valid0;
const _errs6 = errors;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err4 = {instancePath:instancePath+"/run/" + i0,schemaPath:"#/$defs/stringList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.items,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/run/" + i0,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.items.type,parentSchema:schema37.items,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath:instancePath+"/run",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.type,parentSchema:schema37,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(Array.isArray(data0)){
if(data0.length < 1){
const err7 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema48.properties.run.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
var _valid0 = _errs6 === errors;
valid1 = valid1 || _valid0;
if(!valid1){
const err8 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema48.properties.run.anyOf,parentSchema:schema48.properties.run,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
}
if(data.cwd !== undefined){
let data2 = data.cwd;
if(typeof data2 !== "string"){
const err9 = {instancePath:instancePath+"/cwd",schemaPath:"#/properties/cwd/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.cwd.type,parentSchema:schema48.properties.cwd,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.env !== undefined){
let data3 = data.env;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
let data4 = data3[key1];
if(typeof data4 !== "string"){
const err10 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/stringMap/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.additionalProperties.type,parentSchema:schema38.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/env",schemaPath:"#/$defs/stringMap/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.timeout !== undefined){
let data5 = data.timeout;
const _errs21 = errors;
let valid8 = false;
const _errs22 = errors;
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 <= 0 || isNaN(data5)){
const err12 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/0/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema36.anyOf[0],data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema36.anyOf[0].type,parentSchema:schema36.anyOf[0],data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid1 = _errs22 === errors;
valid8 = valid8 || _valid1;
const _errs24 = errors;
if(typeof data5 === "string"){
if(!pattern6.test(data5)){
const err14 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"},message:"must match pattern \""+"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"+"\"",schema:"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$",parentSchema:schema36.anyOf[1],data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.anyOf[1].type,parentSchema:schema36.anyOf[1],data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid1 = _errs24 === errors;
valid8 = valid8 || _valid1;
if(!valid8){
const err16 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema36.anyOf,parentSchema:schema36,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
else {
errors = _errs21;
if(vErrors !== null){
if(_errs21){
vErrors.length = _errs21;
}
else {
vErrors = null;
}
}
}
}
if(data.continueOnError !== undefined){
let data6 = data.continueOnError;
if(typeof data6 !== "boolean"){
const err17 = {instancePath:instancePath+"/continueOnError",schemaPath:"#/properties/continueOnError/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.continueOnError.type,parentSchema:schema48.properties.continueOnError,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema52 = {"type":"object","additionalProperties":false,"properties":{"prompt":{"$ref":"#/$defs/prompt","description":"Planner prompt; its context has `request`."},"tasks":{"type":"string","description":"Template rendering to a tasks document (YAML or JSON), e.g. {{files.tasks}}. When it is not empty, planning is skipped."},"request":{"type":"string","description":"Template rendering to what the planner is asked, e.g. {{inputs.request}}."},"allowSharedFiles":{"type":"boolean","description":"Let two tasks own the same path."},"allowUndeclaredFiles":{"type":"boolean","description":"Let a task own no files: it may then change any file no other task owns."}}};
const schema53 = {"type":"string","minLength":1,"description":"Prompt text (a handlebars template), or the path of a .hbs file relative to the pipeline file."};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "prompt") || (key0 === "tasks")) || (key0 === "request")) || (key0 === "allowSharedFiles")) || (key0 === "allowUndeclaredFiles"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.prompt !== undefined){
let data0 = data.prompt;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err1 = {instancePath:instancePath+"/prompt",schemaPath:"#/$defs/prompt/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/prompt",schemaPath:"#/$defs/prompt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.tasks !== undefined){
let data1 = data.tasks;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/tasks",schemaPath:"#/properties/tasks/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.tasks.type,parentSchema:schema52.properties.tasks,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.request !== undefined){
let data2 = data.request;
if(typeof data2 !== "string"){
const err4 = {instancePath:instancePath+"/request",schemaPath:"#/properties/request/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.request.type,parentSchema:schema52.properties.request,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.allowSharedFiles !== undefined){
let data3 = data.allowSharedFiles;
if(typeof data3 !== "boolean"){
const err5 = {instancePath:instancePath+"/allowSharedFiles",schemaPath:"#/properties/allowSharedFiles/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema52.properties.allowSharedFiles.type,parentSchema:schema52.properties.allowSharedFiles,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.allowUndeclaredFiles !== undefined){
let data4 = data.allowUndeclaredFiles;
if(typeof data4 !== "boolean"){
const err6 = {instancePath:instancePath+"/allowUndeclaredFiles",schemaPath:"#/properties/allowUndeclaredFiles/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema52.properties.allowUndeclaredFiles.type,parentSchema:schema52.properties.allowUndeclaredFiles,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema52.type,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema54 = {"type":"object","additionalProperties":false,"properties":{"prompt":{"$ref":"#/$defs/prompt","description":"Implementer prompt; its context has `task`, `tasks`, `round`, `verify`."},"plan":{"$ref":"#/$defs/identifier","description":"The plan stage whose tasks are implemented. Default: the one plan stage upstream (in needs, transitively)."},"seedFrom":{"$ref":"#/$defs/stageRefs","description":"Fanout or repair stages (upstream) whose patches every workspace starts from; this stage's patches hold only its own changes. Default: none."},"concurrency":{"type":"integer","minimum":1,"maximum":64,"description":"How many tasks run at once. Default: the pipeline's concurrency."}}};
const schema57 = {"description":"One stage id, or a list of them.","anyOf":[{"$ref":"#/$defs/identifier"},{"type":"array","minItems":1,"items":{"$ref":"#/$defs/identifier"}}]};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
if(typeof data === "string"){
if(!pattern4.test(data)){
const err0 = {instancePath,schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
const _errs4 = errors;
if(Array.isArray(data)){
if(data.length < 1){
const err2 = {instancePath,schemaPath:"#/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema57.anyOf[1],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
const err3 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema57.anyOf[1].type,parentSchema:schema57.anyOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
var _valid0 = _errs4 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var items0 = true;
}
if(!valid0){
const err6 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema57.anyOf,parentSchema:schema57,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate31.errors = vErrors;
evaluated0.items = items0;
return errors === 0;
}
validate31.evaluated = {"dynamicProps":false,"dynamicItems":true};


function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "prompt") || (key0 === "plan")) || (key0 === "seedFrom")) || (key0 === "concurrency"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.prompt !== undefined){
let data0 = data.prompt;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err1 = {instancePath:instancePath+"/prompt",schemaPath:"#/$defs/prompt/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/prompt",schemaPath:"#/$defs/prompt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.plan !== undefined){
let data1 = data.plan;
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
const err3 = {instancePath:instancePath+"/plan",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/plan",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.seedFrom !== undefined){
if(!(validate31(data.seedFrom, {instancePath:instancePath+"/seedFrom",parentData:data,parentDataProperty:"seedFrom",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data.concurrency !== undefined){
let data3 = data.concurrency;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err5 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema54.properties.concurrency.type,parentSchema:schema54.properties.concurrency,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 64 || isNaN(data3)){
const err6 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64",schema:64,parentSchema:schema54.properties.concurrency,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema54.properties.concurrency,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}
validate30.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema60 = {"type":"object","additionalProperties":false,"properties":{"prompt":{"$ref":"#/$defs/prompt","description":"Reviewer prompt; its context has `reviewer`, `diff`, `candidate`, `tasks`, `check`, `round`, and `change` (`source`, `base`, `from`, `head`) for a review of an existing change."},"check":{"type":"string","description":"Shell command run in the candidate workspace, e.g. {{inputs.check}}; a failure is a blocker."},"excerpt":{"$ref":"#/$defs/excerpt"},"reviewers":{"type":"array","description":"Reviewer agents, run in parallel, each with its own id. Left out: one, on the stage's runtime.","items":{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"$ref":"#/$defs/identifier"},"runtime":{"type":"string","description":"Runtime profile. Default: the stage's runtime."},"perspective":{"type":"string","description":"What this reviewer looks for."}}}},"policy":{"enum":["any-reject","majority"],"description":"any-reject (default): one reject rejects; majority: rejects must outnumber approvals."},"from":{"$ref":"#/$defs/stageRefs","description":"Fanout or repair stages (upstream) whose patches, combined in this order, make the candidate; the repairs of this review replace them in later rounds. Default: the one fanout or repair stage upstream."},"base":{"type":"string","minLength":1,"description":"Review an existing change instead of a fanout's: HEAD against this revision (a branch, tag or commit; a template, e.g. {{inputs.base}}), as `git diff <base>...HEAD` shows it (from their merge base)."},"worktree":{"type":"boolean","description":"Review an existing change instead of a fanout's: the uncommitted changes of your working tree (staged, unstaged and untracked files) against HEAD."},"maxDiffChars":{"type":"integer","minimum":1000,"description":"Longest diff put into a reviewer prompt. Default: 50000."},"allowOutsideSymlinks":{"type":"boolean","description":"Let the candidate add symlinks whose target is absolute or outside the repository (default false: such a symlink is a symlink_outside_repo blocker)."},"timeout":{"$ref":"#/$defs/duration"}}};
const schema62 = {"type":"object","additionalProperties":false,"description":"How much of a failing check's output blockers, reports and prompts show: its failure blocks, then its last lines (the whole output stays in the stage's log).","properties":{"maxLines":{"type":"integer","minimum":10,"description":"Most lines. Default: 80."},"maxChars":{"type":"integer","minimum":500,"description":"Most characters. Default: 8000."}}};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema60.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema60,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.prompt !== undefined){
let data0 = data.prompt;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err1 = {instancePath:instancePath+"/prompt",schemaPath:"#/$defs/prompt/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/prompt",schemaPath:"#/$defs/prompt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.check !== undefined){
let data1 = data.check;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/check",schemaPath:"#/properties/check/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema60.properties.check.type,parentSchema:schema60.properties.check,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.excerpt !== undefined){
let data2 = data.excerpt;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!((key1 === "maxLines") || (key1 === "maxChars"))){
const err4 = {instancePath:instancePath+"/excerpt",schemaPath:"#/$defs/excerpt/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema62,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data2.maxLines !== undefined){
let data3 = data2.maxLines;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err5 = {instancePath:instancePath+"/excerpt/maxLines",schemaPath:"#/$defs/excerpt/properties/maxLines/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.properties.maxLines.type,parentSchema:schema62.properties.maxLines,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 10 || isNaN(data3)){
const err6 = {instancePath:instancePath+"/excerpt/maxLines",schemaPath:"#/$defs/excerpt/properties/maxLines/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10",schema:10,parentSchema:schema62.properties.maxLines,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data2.maxChars !== undefined){
let data4 = data2.maxChars;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err7 = {instancePath:instancePath+"/excerpt/maxChars",schemaPath:"#/$defs/excerpt/properties/maxChars/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.properties.maxChars.type,parentSchema:schema62.properties.maxChars,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 500 || isNaN(data4)){
const err8 = {instancePath:instancePath+"/excerpt/maxChars",schemaPath:"#/$defs/excerpt/properties/maxChars/minimum",keyword:"minimum",params:{comparison: ">=", limit: 500},message:"must be >= 500",schema:500,parentSchema:schema62.properties.maxChars,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
}
else {
const err9 = {instancePath:instancePath+"/excerpt",schemaPath:"#/$defs/excerpt/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.type,parentSchema:schema62,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.reviewers !== undefined){
let data5 = data.reviewers;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.id === undefined){
const err10 = {instancePath:instancePath+"/reviewers/" + i0,schemaPath:"#/properties/reviewers/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema60.properties.reviewers.items.required,parentSchema:schema60.properties.reviewers.items,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key2 in data6){
if(!(((key2 === "id") || (key2 === "runtime")) || (key2 === "perspective"))){
const err11 = {instancePath:instancePath+"/reviewers/" + i0,schemaPath:"#/properties/reviewers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema60.properties.reviewers.items,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data6.id !== undefined){
let data7 = data6.id;
if(typeof data7 === "string"){
if(!pattern4.test(data7)){
const err12 = {instancePath:instancePath+"/reviewers/" + i0+"/id",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/reviewers/" + i0+"/id",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data6.runtime !== undefined){
let data8 = data6.runtime;
if(typeof data8 !== "string"){
const err14 = {instancePath:instancePath+"/reviewers/" + i0+"/runtime",schemaPath:"#/properties/reviewers/items/properties/runtime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema60.properties.reviewers.items.properties.runtime.type,parentSchema:schema60.properties.reviewers.items.properties.runtime,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data6.perspective !== undefined){
let data9 = data6.perspective;
if(typeof data9 !== "string"){
const err15 = {instancePath:instancePath+"/reviewers/" + i0+"/perspective",schemaPath:"#/properties/reviewers/items/properties/perspective/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema60.properties.reviewers.items.properties.perspective.type,parentSchema:schema60.properties.reviewers.items.properties.perspective,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/reviewers/" + i0,schemaPath:"#/properties/reviewers/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema60.properties.reviewers.items.type,parentSchema:schema60.properties.reviewers.items,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/reviewers",schemaPath:"#/properties/reviewers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema60.properties.reviewers.type,parentSchema:schema60.properties.reviewers,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.policy !== undefined){
let data10 = data.policy;
if(!((data10 === "any-reject") || (data10 === "majority"))){
const err18 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/enum",keyword:"enum",params:{allowedValues: schema60.properties.policy.enum},message:"must be equal to one of the allowed values",schema:schema60.properties.policy.enum,parentSchema:schema60.properties.policy,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.from !== undefined){
if(!(validate31(data.from, {instancePath:instancePath+"/from",parentData:data,parentDataProperty:"from",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data.base !== undefined){
let data12 = data.base;
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err19 = {instancePath:instancePath+"/base",schemaPath:"#/properties/base/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema60.properties.base,data:data12};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/base",schemaPath:"#/properties/base/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema60.properties.base.type,parentSchema:schema60.properties.base,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.worktree !== undefined){
let data13 = data.worktree;
if(typeof data13 !== "boolean"){
const err21 = {instancePath:instancePath+"/worktree",schemaPath:"#/properties/worktree/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema60.properties.worktree.type,parentSchema:schema60.properties.worktree,data:data13};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.maxDiffChars !== undefined){
let data14 = data.maxDiffChars;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err22 = {instancePath:instancePath+"/maxDiffChars",schemaPath:"#/properties/maxDiffChars/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema60.properties.maxDiffChars.type,parentSchema:schema60.properties.maxDiffChars,data:data14};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 1000 || isNaN(data14)){
const err23 = {instancePath:instancePath+"/maxDiffChars",schemaPath:"#/properties/maxDiffChars/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1000},message:"must be >= 1000",schema:1000,parentSchema:schema60.properties.maxDiffChars,data:data14};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data.allowOutsideSymlinks !== undefined){
let data15 = data.allowOutsideSymlinks;
if(typeof data15 !== "boolean"){
const err24 = {instancePath:instancePath+"/allowOutsideSymlinks",schemaPath:"#/properties/allowOutsideSymlinks/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema60.properties.allowOutsideSymlinks.type,parentSchema:schema60.properties.allowOutsideSymlinks,data:data15};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.timeout !== undefined){
let data16 = data.timeout;
const _errs39 = errors;
let valid9 = false;
const _errs40 = errors;
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 <= 0 || isNaN(data16)){
const err25 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/0/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema36.anyOf[0],data:data16};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema36.anyOf[0].type,parentSchema:schema36.anyOf[0],data:data16};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
var _valid0 = _errs40 === errors;
valid9 = valid9 || _valid0;
const _errs42 = errors;
if(typeof data16 === "string"){
if(!pattern6.test(data16)){
const err27 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"},message:"must match pattern \""+"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"+"\"",schema:"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$",parentSchema:schema36.anyOf[1],data:data16};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.anyOf[1].type,parentSchema:schema36.anyOf[1],data:data16};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
var _valid0 = _errs42 === errors;
valid9 = valid9 || _valid0;
if(!valid9){
const err29 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema36.anyOf,parentSchema:schema36,data:data16};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
else {
errors = _errs39;
if(vErrors !== null){
if(_errs39){
vErrors.length = _errs39;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err30 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema60.type,parentSchema:schema60,data};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema65 = {"type":"object","additionalProperties":false,"properties":{"prompt":{"$ref":"#/$defs/prompt","description":"Repair prompt; its context has `task`, `tasks`, `feedback`, `round`, `verify`."},"review":{"$ref":"#/$defs/identifier","description":"The review stage (upstream) whose blockers are repaired. Default: the one review stage upstream."},"maxFeedbackChars":{"type":"integer","minimum":100,"description":"Longest feedback given to a repaired task. Default: 12000."}}};

function validate37(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate37.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "prompt") || (key0 === "review")) || (key0 === "maxFeedbackChars"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema65,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.prompt !== undefined){
let data0 = data.prompt;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err1 = {instancePath:instancePath+"/prompt",schemaPath:"#/$defs/prompt/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/prompt",schemaPath:"#/$defs/prompt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.review !== undefined){
let data1 = data.review;
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
const err3 = {instancePath:instancePath+"/review",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/review",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.maxFeedbackChars !== undefined){
let data2 = data.maxFeedbackChars;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/maxFeedbackChars",schemaPath:"#/properties/maxFeedbackChars/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema65.properties.maxFeedbackChars.type,parentSchema:schema65.properties.maxFeedbackChars,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 100 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/maxFeedbackChars",schemaPath:"#/properties/maxFeedbackChars/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema65.properties.maxFeedbackChars,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
}
else {
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema65.type,parentSchema:schema65,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate37.errors = vErrors;
return errors === 0;
}
validate37.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema68 = {"type":"object","additionalProperties":false,"properties":{"review":{"$ref":"#/$defs/stageRefs","description":"The review stage(s) (upstream) whose approved candidates are applied, combined into one change. Default: the one review stage upstream."},"commit":{"type":"object","additionalProperties":false,"required":["branch","message"],"description":"Commit the applied change on a new branch (odw never commits otherwise).","properties":{"branch":{"type":"string"},"message":{"type":"string"}}}}};

function validate39(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate39.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "review") || (key0 === "commit"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema68,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.review !== undefined){
if(!(validate31(data.review, {instancePath:instancePath+"/review",parentData:data,parentDataProperty:"review",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data.commit !== undefined){
let data1 = data.commit;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.branch === undefined){
const err1 = {instancePath:instancePath+"/commit",schemaPath:"#/properties/commit/required",keyword:"required",params:{missingProperty: "branch"},message:"must have required property '"+"branch"+"'",schema:schema68.properties.commit.required,parentSchema:schema68.properties.commit,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data1.message === undefined){
const err2 = {instancePath:instancePath+"/commit",schemaPath:"#/properties/commit/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema68.properties.commit.required,parentSchema:schema68.properties.commit,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "branch") || (key1 === "message"))){
const err3 = {instancePath:instancePath+"/commit",schemaPath:"#/properties/commit/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema68.properties.commit,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data1.branch !== undefined){
let data2 = data1.branch;
if(typeof data2 !== "string"){
const err4 = {instancePath:instancePath+"/commit/branch",schemaPath:"#/properties/commit/properties/branch/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.properties.commit.properties.branch.type,parentSchema:schema68.properties.commit.properties.branch,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data1.message !== undefined){
let data3 = data1.message;
if(typeof data3 !== "string"){
const err5 = {instancePath:instancePath+"/commit/message",schemaPath:"#/properties/commit/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.properties.commit.properties.message.type,parentSchema:schema68.properties.commit.properties.message,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath:instancePath+"/commit",schemaPath:"#/properties/commit/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema68.properties.commit.type,parentSchema:schema68.properties.commit,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema68.type,parentSchema:schema68,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate39.errors = vErrors;
return errors === 0;
}
validate39.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema69 = {"type":"object","additionalProperties":false,"properties":{"check":{"type":"string","description":"Shell command run on the applied tree, read-only, e.g. {{inputs.check}}."},"excerpt":{"$ref":"#/$defs/excerpt"},"timeout":{"$ref":"#/$defs/duration"}}};

function validate42(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate42.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "check") || (key0 === "excerpt")) || (key0 === "timeout"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema69,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.check !== undefined){
let data0 = data.check;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/check",schemaPath:"#/properties/check/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.check.type,parentSchema:schema69.properties.check,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.excerpt !== undefined){
let data1 = data.excerpt;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
if(!((key1 === "maxLines") || (key1 === "maxChars"))){
const err2 = {instancePath:instancePath+"/excerpt",schemaPath:"#/$defs/excerpt/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema62,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data1.maxLines !== undefined){
let data2 = data1.maxLines;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err3 = {instancePath:instancePath+"/excerpt/maxLines",schemaPath:"#/$defs/excerpt/properties/maxLines/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.properties.maxLines.type,parentSchema:schema62.properties.maxLines,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 10 || isNaN(data2)){
const err4 = {instancePath:instancePath+"/excerpt/maxLines",schemaPath:"#/$defs/excerpt/properties/maxLines/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10",schema:10,parentSchema:schema62.properties.maxLines,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data1.maxChars !== undefined){
let data3 = data1.maxChars;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err5 = {instancePath:instancePath+"/excerpt/maxChars",schemaPath:"#/$defs/excerpt/properties/maxChars/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.properties.maxChars.type,parentSchema:schema62.properties.maxChars,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 500 || isNaN(data3)){
const err6 = {instancePath:instancePath+"/excerpt/maxChars",schemaPath:"#/$defs/excerpt/properties/maxChars/minimum",keyword:"minimum",params:{comparison: ">=", limit: 500},message:"must be >= 500",schema:500,parentSchema:schema62.properties.maxChars,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
}
else {
const err7 = {instancePath:instancePath+"/excerpt",schemaPath:"#/$defs/excerpt/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.type,parentSchema:schema62,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.timeout !== undefined){
let data4 = data.timeout;
const _errs14 = errors;
let valid4 = false;
const _errs15 = errors;
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 <= 0 || isNaN(data4)){
const err8 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/0/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema36.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema36.anyOf[0].type,parentSchema:schema36.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var _valid0 = _errs15 === errors;
valid4 = valid4 || _valid0;
const _errs17 = errors;
if(typeof data4 === "string"){
if(!pattern6.test(data4)){
const err10 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"},message:"must match pattern \""+"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$"+"\"",schema:"^(?=.*[1-9])[0-9]+(\\.[0-9]+)?(ms|s|m|h)?$",parentSchema:schema36.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.anyOf[1].type,parentSchema:schema36.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid0 = _errs17 === errors;
valid4 = valid4 || _valid0;
if(!valid4){
const err12 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/duration/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema36.anyOf,parentSchema:schema36,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
else {
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema69.type,parentSchema:schema69,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate42.errors = vErrors;
return errors === 0;
}
validate42.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema76 = {"type":"object","additionalProperties":false,"required":["max"],"description":"Repeat this group's stages until a condition holds, at most max rounds.","properties":{"max":{"description":"Round ceiling: a number, or an expression such as inputs.maxRounds.","anyOf":[{"type":"integer","minimum":1,"maximum":100},{"$ref":"#/$defs/expression"}]},"until":{"$ref":"#/$defs/expression","description":"Checked after each round; the loop ends when it is true."},"onExhausted":{"enum":["fail","succeed"],"default":"fail","description":"When the last round ends and until still does not hold: fail (default; the loop fails with loop_exhausted, or with the cause a stage of its last round gave, e.g. review_rounds_exhausted) or succeed (the loop ends as succeeded, with outputs.exhausted true)."}}};

function validate44(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate44.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.max === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "max"},message:"must have required property '"+"max"+"'",schema:schema76.required,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "max") || (key0 === "until")) || (key0 === "onExhausted"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.max !== undefined){
let data0 = data.max;
const _errs3 = errors;
let valid1 = false;
const _errs4 = errors;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err2 = {instancePath:instancePath+"/max",schemaPath:"#/properties/max/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.max.anyOf[0].type,parentSchema:schema76.properties.max.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 100 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/max",schemaPath:"#/properties/max/anyOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema76.properties.max.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data0 < 1 || isNaN(data0)){
const err4 = {instancePath:instancePath+"/max",schemaPath:"#/properties/max/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema76.properties.max.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs4 === errors;
valid1 = valid1 || _valid0;
const _errs6 = errors;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err5 = {instancePath:instancePath+"/max",schemaPath:"#/$defs/expression/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema75,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/max",schemaPath:"#/$defs/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema75.type,parentSchema:schema75,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
var _valid0 = _errs6 === errors;
valid1 = valid1 || _valid0;
if(!valid1){
const err7 = {instancePath:instancePath+"/max",schemaPath:"#/properties/max/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema76.properties.max.anyOf,parentSchema:schema76.properties.max,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
}
if(data.until !== undefined){
let data1 = data.until;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err8 = {instancePath:instancePath+"/until",schemaPath:"#/$defs/expression/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema75,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/until",schemaPath:"#/$defs/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema75.type,parentSchema:schema75,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.onExhausted !== undefined){
let data2 = data.onExhausted;
if(!((data2 === "fail") || (data2 === "succeed"))){
const err10 = {instancePath:instancePath+"/onExhausted",schemaPath:"#/properties/onExhausted/enum",keyword:"enum",params:{allowedValues: schema76.properties.onExhausted.enum},message:"must be equal to one of the allowed values",schema:schema76.properties.onExhausted.enum,parentSchema:schema76.properties.onExhausted,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema76.type,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate44.errors = vErrors;
return errors === 0;
}
validate44.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const wrapper0 = {validate: validate25};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.loop === undefined) && (missing0 = "loop")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs4 = errors;
const _errs5 = errors;
const _errs6 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.uses === undefined) && (missing1 = "uses")){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var valid2 = _errs6 === errors;
if(valid2){
const err2 = {instancePath,schemaPath:"#/allOf/0/then/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema47.allOf[0].then.not,parentSchema:schema47.allOf[0].then,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
else {
errors = _errs5;
if(vErrors !== null){
if(_errs5){
vErrors.length = _errs5;
}
else {
vErrors = null;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.stages === undefined){
const err3 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "stages"},message:"must have required property '"+"stages"+"'",schema:schema47.allOf[0].then.required,parentSchema:schema47.allOf[0].then,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var _valid0 = _errs4 === errors;
valid1 = _valid0;
}
if(!valid1){
const err4 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema47.allOf[0].if,parentSchema:schema47.allOf[0],data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const _errs8 = errors;
let valid3 = true;
const _errs9 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if((data.stages === undefined) && (missing2 = "stages")){
const err5 = {};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var _valid1 = _errs9 === errors;
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.loop === undefined){
const err6 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "loop"},message:"must have required property '"+"loop"+"'",schema:schema47.allOf[1].then.required,parentSchema:schema47.allOf[1].then,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
valid3 = _valid1;
}
if(!valid3){
const err7 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema47.allOf[1].if,parentSchema:schema47.allOf[1],data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const _errs12 = errors;
let valid4 = true;
const _errs13 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing3;
if((data.uses === undefined) && (missing3 = "uses")){
const err8 = {};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
else {
if(data.uses !== undefined){
if("exec" !== data.uses){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
}
var _valid2 = _errs13 === errors;
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs15 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.with === undefined){
const err10 = {instancePath,schemaPath:"#/allOf/2/then/required",keyword:"required",params:{missingProperty: "with"},message:"must have required property '"+"with"+"'",schema:schema47.allOf[2].then.required,parentSchema:schema47.allOf[2].then,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data.with !== undefined){
if(!(validate26(data.with, {instancePath:instancePath+"/with",parentData:data,parentDataProperty:"with",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
var _valid2 = _errs15 === errors;
valid4 = _valid2;
if(valid4){
var props0 = {};
props0.with = true;
props0.uses = true;
}
}
if(!valid4){
const err11 = {instancePath,schemaPath:"#/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema47.allOf[2].if,parentSchema:schema47.allOf[2],data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const _errs18 = errors;
let valid7 = true;
const _errs19 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing4;
if((data.uses === undefined) && (missing4 = "uses")){
const err12 = {};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
else {
if(data.uses !== undefined){
if("plan" !== data.uses){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
}
var _valid3 = _errs19 === errors;
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
if(_valid3){
const _errs21 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.with !== undefined){
if(!(validate28(data.with, {instancePath:instancePath+"/with",parentData:data,parentDataProperty:"with",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
}
var _valid3 = _errs21 === errors;
valid7 = _valid3;
if(valid7){
var props1 = {};
props1.with = true;
props1.uses = true;
}
}
if(!valid7){
const err14 = {instancePath,schemaPath:"#/allOf/3/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema47.allOf[3].if,parentSchema:schema47.allOf[3],data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(props0 !== true && props1 !== undefined){
if(props1 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props1);
}
}
const _errs24 = errors;
let valid10 = true;
const _errs25 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing5;
if((data.uses === undefined) && (missing5 = "uses")){
const err15 = {};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
if(data.uses !== undefined){
if("fanout" !== data.uses){
const err16 = {};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
var _valid4 = _errs25 === errors;
errors = _errs24;
if(vErrors !== null){
if(_errs24){
vErrors.length = _errs24;
}
else {
vErrors = null;
}
}
if(_valid4){
const _errs27 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.with !== undefined){
if(!(validate30(data.with, {instancePath:instancePath+"/with",parentData:data,parentDataProperty:"with",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
}
var _valid4 = _errs27 === errors;
valid10 = _valid4;
if(valid10){
var props2 = {};
props2.with = true;
props2.uses = true;
}
}
if(!valid10){
const err17 = {instancePath,schemaPath:"#/allOf/4/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema47.allOf[4].if,parentSchema:schema47.allOf[4],data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(props0 !== true && props2 !== undefined){
if(props2 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props2);
}
}
const _errs30 = errors;
let valid13 = true;
const _errs31 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing6;
if((data.uses === undefined) && (missing6 = "uses")){
const err18 = {};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
else {
if(data.uses !== undefined){
if("review" !== data.uses){
const err19 = {};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
}
var _valid5 = _errs31 === errors;
errors = _errs30;
if(vErrors !== null){
if(_errs30){
vErrors.length = _errs30;
}
else {
vErrors = null;
}
}
if(_valid5){
const _errs33 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.with !== undefined){
if(!(validate34(data.with, {instancePath:instancePath+"/with",parentData:data,parentDataProperty:"with",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
}
var _valid5 = _errs33 === errors;
valid13 = _valid5;
if(valid13){
var props3 = {};
props3.with = true;
props3.uses = true;
}
}
if(!valid13){
const err20 = {instancePath,schemaPath:"#/allOf/5/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema47.allOf[5].if,parentSchema:schema47.allOf[5],data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(props0 !== true && props3 !== undefined){
if(props3 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props3);
}
}
const _errs36 = errors;
let valid16 = true;
const _errs37 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing7;
if((data.uses === undefined) && (missing7 = "uses")){
const err21 = {};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
else {
if(data.uses !== undefined){
if("repair" !== data.uses){
const err22 = {};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
}
var _valid6 = _errs37 === errors;
errors = _errs36;
if(vErrors !== null){
if(_errs36){
vErrors.length = _errs36;
}
else {
vErrors = null;
}
}
if(_valid6){
const _errs39 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.with !== undefined){
if(!(validate37(data.with, {instancePath:instancePath+"/with",parentData:data,parentDataProperty:"with",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
errors = vErrors.length;
}
}
}
var _valid6 = _errs39 === errors;
valid16 = _valid6;
if(valid16){
var props4 = {};
props4.with = true;
props4.uses = true;
}
}
if(!valid16){
const err23 = {instancePath,schemaPath:"#/allOf/6/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema47.allOf[6].if,parentSchema:schema47.allOf[6],data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(props0 !== true && props4 !== undefined){
if(props4 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props4);
}
}
const _errs42 = errors;
let valid19 = true;
const _errs43 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing8;
if((data.uses === undefined) && (missing8 = "uses")){
const err24 = {};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
else {
if(data.uses !== undefined){
if("apply" !== data.uses){
const err25 = {};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
}
var _valid7 = _errs43 === errors;
errors = _errs42;
if(vErrors !== null){
if(_errs42){
vErrors.length = _errs42;
}
else {
vErrors = null;
}
}
if(_valid7){
const _errs45 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.with !== undefined){
if(!(validate39(data.with, {instancePath:instancePath+"/with",parentData:data,parentDataProperty:"with",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
errors = vErrors.length;
}
}
}
var _valid7 = _errs45 === errors;
valid19 = _valid7;
if(valid19){
var props5 = {};
props5.with = true;
props5.uses = true;
}
}
if(!valid19){
const err26 = {instancePath,schemaPath:"#/allOf/7/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema47.allOf[7].if,parentSchema:schema47.allOf[7],data};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(props0 !== true && props5 !== undefined){
if(props5 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props5);
}
}
const _errs48 = errors;
let valid22 = true;
const _errs49 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing9;
if((data.uses === undefined) && (missing9 = "uses")){
const err27 = {};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
else {
if(data.uses !== undefined){
if("verify" !== data.uses){
const err28 = {};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
}
var _valid8 = _errs49 === errors;
errors = _errs48;
if(vErrors !== null){
if(_errs48){
vErrors.length = _errs48;
}
else {
vErrors = null;
}
}
if(_valid8){
const _errs51 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.with !== undefined){
if(!(validate42(data.with, {instancePath:instancePath+"/with",parentData:data,parentDataProperty:"with",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
}
var _valid8 = _errs51 === errors;
valid22 = _valid8;
if(valid22){
var props6 = {};
props6.with = true;
props6.uses = true;
}
}
if(!valid22){
const err29 = {instancePath,schemaPath:"#/allOf/8/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema47.allOf[8].if,parentSchema:schema47.allOf[8],data};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(props0 !== true && props6 !== undefined){
if(props6 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props6);
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err30 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema47.required,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema47.properties, key0))){
const err31 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.id !== undefined){
let data14 = data.id;
if(typeof data14 === "string"){
if(!pattern4.test(data14)){
const err32 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.name !== undefined){
let data15 = data.name;
if(typeof data15 !== "string"){
const err34 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.name.type,parentSchema:schema47.properties.name,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.uses !== undefined){
let data16 = data.uses;
if(!(((((((data16 === "exec") || (data16 === "plan")) || (data16 === "fanout")) || (data16 === "review")) || (data16 === "repair")) || (data16 === "apply")) || (data16 === "verify"))){
const err35 = {instancePath:instancePath+"/uses",schemaPath:"#/properties/uses/enum",keyword:"enum",params:{allowedValues: schema47.properties.uses.enum},message:"must be equal to one of the allowed values",schema:schema47.properties.uses.enum,parentSchema:schema47.properties.uses,data:data16};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.needs !== undefined){
let data17 = data.needs;
const _errs61 = errors;
let valid27 = false;
const _errs62 = errors;
if(typeof data17 === "string"){
if(!pattern4.test(data17)){
const err36 = {instancePath:instancePath+"/needs",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/needs",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
var _valid9 = _errs62 === errors;
valid27 = valid27 || _valid9;
const _errs65 = errors;
if(Array.isArray(data17)){
const len0 = data17.length;
for(let i0=0; i0<len0; i0++){
let data18 = data17[i0];
if(typeof data18 === "string"){
if(!pattern4.test(data18)){
const err38 = {instancePath:instancePath+"/needs/" + i0,schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data:data18};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
else {
const err39 = {instancePath:instancePath+"/needs/" + i0,schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data18};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/needs",schemaPath:"#/properties/needs/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema47.properties.needs.anyOf[1].type,parentSchema:schema47.properties.needs.anyOf[1],data:data17};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
var _valid9 = _errs65 === errors;
valid27 = valid27 || _valid9;
if(!valid27){
const err41 = {instancePath:instancePath+"/needs",schemaPath:"#/properties/needs/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema47.properties.needs.anyOf,parentSchema:schema47.properties.needs,data:data17};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
else {
errors = _errs61;
if(vErrors !== null){
if(_errs61){
vErrors.length = _errs61;
}
else {
vErrors = null;
}
}
}
}
if(data.when !== undefined){
let data19 = data.when;
if(typeof data19 === "string"){
if(func2(data19) < 1){
const err42 = {instancePath:instancePath+"/when",schemaPath:"#/$defs/expression/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema75,data:data19};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/when",schemaPath:"#/$defs/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema75.type,parentSchema:schema75,data:data19};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.runtime !== undefined){
let data20 = data.runtime;
if(typeof data20 !== "string"){
const err44 = {instancePath:instancePath+"/runtime",schemaPath:"#/properties/runtime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.runtime.type,parentSchema:schema47.properties.runtime,data:data20};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.with !== undefined){
let data21 = data.with;
if(!(data21 && typeof data21 == "object" && !Array.isArray(data21))){
const err45 = {instancePath:instancePath+"/with",schemaPath:"#/properties/with/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.properties.with.type,parentSchema:schema47.properties.with,data:data21};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data.loop !== undefined){
if(!(validate44(data.loop, {instancePath:instancePath+"/loop",parentData:data,parentDataProperty:"loop",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate44.errors : vErrors.concat(validate44.errors);
errors = vErrors.length;
}
}
if(data.stages !== undefined){
let data23 = data.stages;
if(Array.isArray(data23)){
if(data23.length < 1){
const err46 = {instancePath:instancePath+"/stages",schemaPath:"#/properties/stages/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema47.properties.stages,data:data23};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
const len1 = data23.length;
for(let i1=0; i1<len1; i1++){
if(!(wrapper0.validate(data23[i1], {instancePath:instancePath+"/stages/" + i1,parentData:data23,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
}
}
else {
const err47 = {instancePath:instancePath+"/stages",schemaPath:"#/properties/stages/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema47.properties.stages.type,parentSchema:schema47.properties.stages,data:data23};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.type,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://odw.dev/schemas/pipeline.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.$schema.type,parentSchema:schema31.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 !== "string"){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.name.type,parentSchema:schema31.properties.name,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.description !== undefined){
let data2 = data.description;
if(typeof data2 !== "string"){
const err3 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.description.type,parentSchema:schema31.properties.description,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.extends !== undefined){
let data3 = data.extends;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err4 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.extends,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.extends.type,parentSchema:schema31.properties.extends,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.inputs !== undefined){
let data4 = data.inputs;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key1 in data4){
const _errs12 = errors;
if(typeof key1 === "string"){
if(!pattern4.test(key1)){
const err6 = {instancePath:instancePath+"/inputs",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/inputs",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var valid1 = _errs12 === errors;
if(!valid1){
const err8 = {instancePath:instancePath+"/inputs",schemaPath:"#/properties/inputs/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema31.properties.inputs.propertyNames,parentSchema:schema31.properties.inputs,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
for(const key2 in data4){
let data5 = data4[key2];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.type === undefined){
const err9 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/input/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema33.required,parentSchema:schema33,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key3 in data5){
if(!((((key3 === "type") || (key3 === "description")) || (key3 === "default")) || (key3 === "required"))){
const err10 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/input/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema33,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data5.type !== undefined){
let data6 = data5.type;
if(!((((data6 === "string") || (data6 === "file")) || (data6 === "number")) || (data6 === "boolean"))){
const err11 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/type",schemaPath:"#/$defs/input/properties/type/enum",keyword:"enum",params:{allowedValues: schema33.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema33.properties.type.enum,parentSchema:schema33.properties.type,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data5.description !== undefined){
let data7 = data5.description;
if(typeof data7 !== "string"){
const err12 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/$defs/input/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.description.type,parentSchema:schema33.properties.description,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data5.default !== undefined){
let data8 = data5.default;
if(((typeof data8 !== "string") && (!((typeof data8 == "number") && (isFinite(data8))))) && (typeof data8 !== "boolean")){
const err13 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/default",schemaPath:"#/$defs/input/properties/default/type",keyword:"type",params:{type: schema33.properties.default.type},message:"must be string,number,boolean",schema:schema33.properties.default.type,parentSchema:schema33.properties.default,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data5.required !== undefined){
let data9 = data5.required;
if(typeof data9 !== "boolean"){
const err14 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/required",schemaPath:"#/$defs/input/properties/required/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema33.properties.required.type,parentSchema:schema33.properties.required,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/input/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.type,parentSchema:schema33,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/inputs",schemaPath:"#/properties/inputs/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.inputs.type,parentSchema:schema31.properties.inputs,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.runtimes !== undefined){
let data10 = data.runtimes;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key4 in data10){
const _errs29 = errors;
if(typeof key4 === "string"){
if(!pattern4.test(key4)){
const err17 = {instancePath:instancePath+"/runtimes",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_-]*$",parentSchema:schema32,data:key4,propertyName:key4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/runtimes",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:key4,propertyName:key4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var valid6 = _errs29 === errors;
if(!valid6){
const err19 = {instancePath:instancePath+"/runtimes",schemaPath:"#/properties/runtimes/propertyNames",keyword:"propertyNames",params:{propertyName: key4},message:"property name must be valid",schema:schema31.properties.runtimes.propertyNames,parentSchema:schema31.properties.runtimes,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
for(const key5 in data10){
if(!(validate21(data10[key5], {instancePath:instancePath+"/runtimes/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data10,parentDataProperty:key5,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err20 = {instancePath:instancePath+"/runtimes",schemaPath:"#/properties/runtimes/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.runtimes.type,parentSchema:schema31.properties.runtimes,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.workspace !== undefined){
if(!(validate23(data.workspace, {instancePath:instancePath+"/workspace",parentData:data,parentDataProperty:"workspace",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.budget !== undefined){
let data13 = data.budget;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key6 in data13){
if(!(((key6 === "tokens") || (key6 === "usd")) || (key6 === "minutes"))){
const err21 = {instancePath:instancePath+"/budget",schemaPath:"#/$defs/budget/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema46,data:data13};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data13.tokens !== undefined){
let data14 = data13.tokens;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err22 = {instancePath:instancePath+"/budget/tokens",schemaPath:"#/$defs/budget/properties/tokens/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema46.properties.tokens.type,parentSchema:schema46.properties.tokens,data:data14};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 1 || isNaN(data14)){
const err23 = {instancePath:instancePath+"/budget/tokens",schemaPath:"#/$defs/budget/properties/tokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema46.properties.tokens,data:data14};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data13.usd !== undefined){
let data15 = data13.usd;
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 <= 0 || isNaN(data15)){
const err24 = {instancePath:instancePath+"/budget/usd",schemaPath:"#/$defs/budget/properties/usd/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema46.properties.usd,data:data15};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/budget/usd",schemaPath:"#/$defs/budget/properties/usd/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema46.properties.usd.type,parentSchema:schema46.properties.usd,data:data15};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data13.minutes !== undefined){
let data16 = data13.minutes;
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 <= 0 || isNaN(data16)){
const err26 = {instancePath:instancePath+"/budget/minutes",schemaPath:"#/$defs/budget/properties/minutes/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema46.properties.minutes,data:data16};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/budget/minutes",schemaPath:"#/$defs/budget/properties/minutes/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema46.properties.minutes.type,parentSchema:schema46.properties.minutes,data:data16};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/budget",schemaPath:"#/$defs/budget/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.type,parentSchema:schema46,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.answerPolicy !== undefined){
let data17 = data.answerPolicy;
if(typeof data17 === "string"){
if(func2(data17) < 1){
const err29 = {instancePath:instancePath+"/answerPolicy",schemaPath:"#/properties/answerPolicy/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.answerPolicy,data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/answerPolicy",schemaPath:"#/properties/answerPolicy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.answerPolicy.type,parentSchema:schema31.properties.answerPolicy,data:data17};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.concurrency !== undefined){
let data18 = data.concurrency;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err31 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.concurrency.type,parentSchema:schema31.properties.concurrency,data:data18};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 64 || isNaN(data18)){
const err32 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64",schema:64,parentSchema:schema31.properties.concurrency,data:data18};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data18 < 1 || isNaN(data18)){
const err33 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.concurrency,data:data18};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
if(data.stages !== undefined){
let data19 = data.stages;
if(Array.isArray(data19)){
if(data19.length < 1){
const err34 = {instancePath:instancePath+"/stages",schemaPath:"#/properties/stages/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.stages,data:data19};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
const len0 = data19.length;
for(let i0=0; i0<len0; i0++){
if(!(validate25(data19[i0], {instancePath:instancePath+"/stages/" + i0,parentData:data19,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
}
else {
const err35 = {instancePath:instancePath+"/stages",schemaPath:"#/properties/stages/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.stages.type,parentSchema:schema31.properties.stages,data:data19};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

