// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Droppio
/// @notice Tip jar for creators: tips accrue inside the contract and each creator withdraws their own balance.
/// @dev Local stand-in with the same events and entry points as the Droppio contract deployed on Base.
contract Droppio {
    /// @notice Emitted once per tip.
    /// @dev `sessionId` is keccak256(abi.encodePacked(to, n)) where n is the number of tips `to` had received
    ///      before this one (0 for the first). It is therefore unique per (creator, tip), including two tips
    ///      to the same creator in a single transaction.
    event TipSent(address indexed from, address indexed to, uint256 amount, bytes32 sessionId);

    /// @notice Emitted when a creator withdraws their whole accrued balance.
    event Withdraw(address indexed creator, uint256 amount);

    error ZeroTip();
    error ZeroRecipient();
    error NothingToWithdraw();
    error TransferFailed();

    mapping(address => uint256) private balances;
    mapping(address => uint256) private tipCounts;

    /// @notice Credits `msg.value` to `to`'s balance; reverts on a zero value or the zero address.
    function tip(address payable to) external payable {
        if (msg.value == 0) revert ZeroTip();
        if (to == address(0)) revert ZeroRecipient();

        bytes32 sessionId = keccak256(abi.encodePacked(to, tipCounts[to]));
        tipCounts[to] += 1;
        balances[to] += msg.value;

        emit TipSent(msg.sender, to, msg.value, sessionId);
    }

    /// @notice Pays the caller's whole accrued balance to the caller; reverts when it is zero.
    function withdraw() external {
        uint256 amount = balances[msg.sender];
        if (amount == 0) revert NothingToWithdraw();

        balances[msg.sender] = 0;
        emit Withdraw(msg.sender, amount);

        (bool sent, ) = payable(msg.sender).call{value: amount}("");
        if (!sent) revert TransferFailed();
    }
}
