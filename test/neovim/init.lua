-- Headless Neovim as a real LSP client of the bundled Regelrätt server (Neovim 0.7 or newer).
-- REGELRATT_SERVER: path of out/server.cjs; REGELRATT_NODE: the node to run it with;
-- REGELRATT_RESULT: where to write what arrived, as JSON.
local server = os.getenv('REGELRATT_SERVER')
local node = os.getenv('REGELRATT_NODE') or 'node'
local result_path = os.getenv('REGELRATT_RESULT')

vim.filetype = vim.filetype or {}
vim.cmd('autocmd BufRead,BufNewFile *.regel set filetype=regelratt')

local client_id = vim.lsp.start_client({
  name = 'regelratt',
  cmd = { node, server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  init_options = { locale = 'sv' },
})

local function write_result(result)
  local file = io.open(result_path, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
end

local buffers = {}
for _, name in ipairs(vim.fn.argv()) do
  vim.cmd('edit ' .. vim.fn.fnameescape(name))
  local buffer = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buffer, client_id)
  buffers[name] = buffer
end

-- Wait until every file has had its diagnostics published (a clean file gets an empty list).
local published = {}
local original = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[vim.uri_to_fname(result.uri)] = true
  return original(err, result, ctx, config)
end

local arrived = vim.wait(30000, function()
  for name, _ in pairs(buffers) do
    if not published[vim.fn.fnamemodify(name, ':p')] then
      return false
    end
  end
  return true
end, 50)

local result = { arrived = arrived, files = {} }
for name, buffer in pairs(buffers) do
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    table.insert(items, { line = d.lnum + 1, column = d.col + 1, severity = d.severity, message = d.message, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
  end
  result.files[name] = items
end
write_result(result)
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
