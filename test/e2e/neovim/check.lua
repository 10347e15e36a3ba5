-- Headless Neovim (0.7+) as an independent LSP client of dist/server.js, run by neovim.e2e.test.ts:
--   nvim --headless --clean -n -c "luafile test/e2e/neovim/check.lua"   (under `timeout`)
-- Inputs come from the environment; the outcome is written as JSON to $CLAUSE_NVIM_OUT for the Node
-- test to assert. Everything runs inside xpcall: a Lua error writes the traceback and exits with
-- `cquit 1`, so headless Neovim never hangs on an error prompt.
local out_path = assert(os.getenv("CLAUSE_NVIM_OUT"), "CLAUSE_NVIM_OUT not set")
local result = { ok = false, nvim = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch) }

local function write_result()
  local f = assert(io.open(out_path, "w"))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local TIMEOUT = tonumber(os.getenv("CLAUSE_NVIM_WAIT_MS") or "20000")

local function main()
  local server = assert(os.getenv("CLAUSE_SERVER_JS"), "CLAUSE_SERVER_JS not set")
  local sample = assert(os.getenv("CLAUSE_SAMPLE"), "CLAUSE_SAMPLE not set")
  local node = os.getenv("CLAUSE_NODE") or "node"

  vim.cmd("edit " .. vim.fn.fnameescape(sample))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  result.filetype = vim.bo[bufnr].filetype

  -- Raw publishDiagnostics params, newest last, so the code-action request can send the exact
  -- diagnostics (with their `data`) back to the server.
  local published = {}
  local handlers = {
    ["textDocument/publishDiagnostics"] = function(err, params, ctx, config)
      if params and params.uri == uri then
        table.insert(published, params)
      end
      return vim.lsp.handlers["textDocument/publishDiagnostics"](err, params, ctx, config)
    end,
  }

  local client_id = vim.lsp.start_client({
    name = "clause-checker",
    cmd = { node, server, "--stdio" },
    root_dir = vim.fn.fnamemodify(sample, ":p:h"),
    handlers = handlers,
  })
  assert(client_id, "vim.lsp.start_client returned nil")
  assert(vim.lsp.buf_attach_client(bufnr, client_id), "buf_attach_client failed")
  local client = vim.lsp.get_client_by_id(client_id)

  local function latest()
    return published[#published]
  end
  assert(vim.wait(TIMEOUT, function()
    return latest() ~= nil and #latest().diagnostics > 0
  end, 50), "no diagnostics published within " .. TIMEOUT .. " ms")

  result.server_name = client.server_info and client.server_info.name or vim.NIL
  result.diagnostics = latest().diagnostics
  result.vim_diagnostics = #vim.diagnostic.get(bufnr)

  -- Quick fix for the missing reversion clause: ask with that diagnostic, apply the first action's edit.
  local target
  for _, d in ipairs(latest().diagnostics) do
    if d.code == "missing-clause" and d.message:find("reversion", 1, true) then
      target = d
      break
    end
  end
  assert(target, "no missing-clause diagnostic for reversion")
  local lines_before = vim.api.nvim_buf_line_count(bufnr)
  local response = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = target.range,
    context = { diagnostics = { target }, only = { "quickfix" } },
  }, TIMEOUT, bufnr)
  assert(response, "textDocument/codeAction timed out")
  assert(not response.err, "textDocument/codeAction failed: " .. vim.inspect(response.err))
  local actions = response.result or {}
  result.actions = {}
  for _, a in ipairs(actions) do
    table.insert(result.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred or false, edit = a.edit })
  end
  assert(#actions > 0, "no quick fix offered for the missing reversion clause")
  local action = actions[1]
  for _, a in ipairs(actions) do
    if a.isPreferred then
      action = a
      break
    end
  end
  assert(action.edit, "the quick fix has no edit (expected a plain WorkspaceEdit)")
  result.applied = action.title
  local count_before = #published
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
  result.lines_added = vim.api.nvim_buf_line_count(bufnr) - lines_before
  result.text_after = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")

  -- The server re-checks the changed buffer and publishes again.
  assert(vim.wait(TIMEOUT, function()
    return #published > count_before
  end, 50), "no diagnostics after the edit within " .. TIMEOUT .. " ms")
  -- Debounced servers may publish more than once; wait until the reversion finding is gone or time runs out.
  vim.wait(TIMEOUT, function()
    for _, d in ipairs(latest().diagnostics) do
      if d.code == "missing-clause" and d.message:find("reversion", 1, true) then
        return false
      end
    end
    return true
  end, 50)
  result.diagnostics_after = latest().diagnostics

  -- Hover over the first heading of the inserted clause: coverage of that clause.
  local first_heading
  local text_lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, l in ipairs(text_lines) do
    if l:match("^#+%s") and l:lower():find("revers", 1, true) then
      first_heading = i - 1
      break
    end
  end
  if first_heading then
    local hover = client.request_sync("textDocument/hover", {
      textDocument = { uri = uri },
      position = { line = first_heading, character = 3 },
    }, TIMEOUT, bufnr)
    result.hover = hover and hover.result or vim.NIL
    result.hover_line = first_heading
  end

  client.stop()
  result.ok = true
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  result.error = tostring(err)
end
local wrote, werr = pcall(write_result)
if not wrote then
  io.stderr:write("could not write result: " .. tostring(werr) .. "\n")
end
if ok and wrote then
  vim.cmd("qall!")
else
  if not ok then
    io.stderr:write(tostring(err) .. "\n")
  end
  vim.cmd("cquit 1")
end
