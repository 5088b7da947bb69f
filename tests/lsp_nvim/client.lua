-- Neovim's built-in LSP client on the file in the current buffer: start `factlint lsp`, wait
-- for the diagnostics it publishes, ask for the code actions at the first one and a hover at
-- FACTLINT_HOVER ("line:byte-column", 0-based), write all of it to FACTLINT_OUT, stop the
-- server and quit. Works with Neovim 0.7 (Debian 12) and later. Run by tests/lsp_nvim.rs.

local out = {}
local function say(line) table.insert(out, line) end
local function finish(status)
  vim.fn.writefile(out, os.getenv("FACTLINT_OUT"))
  vim.cmd(status == 0 and "qa!" or "cq!")
end

local client_id = vim.lsp.start_client({
  name = "factlint",
  cmd = { os.getenv("FACTLINT_BIN"), "lsp" },
  root_dir = os.getenv("FACTLINT_ROOT"),
})
if not client_id then
  say("error: the client did not start")
  return finish(1)
end
vim.lsp.buf_attach_client(0, client_id)

local got = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 20)
if not got then
  say("error: no diagnostics within 60 s")
  return finish(1)
end
local client = vim.lsp.get_client_by_id(client_id)
say("encoding " .. client.offset_encoding)

-- Neovim turns the server's positions into byte columns of the buffer's lines.
local diagnostics = vim.diagnostic.get(0)
table.sort(diagnostics, function(a, b)
  return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
end)
for _, d in ipairs(diagnostics) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
  local message = vim.split(d.message, "\n")[1]
  say(string.format("diagnostic %d:%d-%d:%d %s %s", d.lnum, d.col, d.end_lnum, d.end_col, code, message))
end

local function request(method, params)
  local responses = vim.lsp.buf_request_sync(0, method, params, 30000) or {}
  local response = responses[client_id] or {}
  if response.err then say("error " .. method .. ": " .. response.err.message) end
  return response.result
end

local first = diagnostics[1]
local line = vim.api.nvim_buf_get_lines(0, first.lnum, first.lnum + 1, false)[1]
local character = vim.str_utfindex(line, first.col)
local range = { start = { line = first.lnum, character = character }, ["end"] = { line = first.lnum, character = character } }
local actions = request("textDocument/codeAction", {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  range = range,
  context = { diagnostics = {} },
}) or {}
for _, action in ipairs(actions) do say("action " .. action.title) end

local at = os.getenv("FACTLINT_HOVER")
if at and at ~= "" then
  local lnum, col = at:match("(%d+):(%d+)")
  lnum, col = tonumber(lnum), tonumber(col)
  local text = vim.api.nvim_buf_get_lines(0, lnum, lnum + 1, false)[1]
  local hover = request("textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    position = { line = lnum, character = vim.str_utfindex(text, col) },
  })
  if hover then
    say("hover " .. vim.split(hover.contents.value, "\n")[1])
  else
    say("hover none")
  end
end

client.stop()
vim.wait(10000, function() return client.is_stopped() end, 20)
finish(0)
